import { verifyGupshupToken } from './gupshup-token';

describe(verifyGupshupToken.name, () => {
  const sut = verifyGupshupToken;
  const expected = 'gs-4f9c2e7a1b8d';

  it('accepts the configured token', () => {
    expect(sut('gs-4f9c2e7a1b8d', expected)).toBe(true);
  });

  it.each([
    ['a different token', 'gs-4f9c2e7a1b8e'],
    ['a prefix of it', 'gs-4f9c2e7a1b8'],
    ['a longer token', 'gs-4f9c2e7a1b8d0'],
    ['no token', undefined],
    ['an empty token', ''],
    ['a repeated parameter', [expected, expected]],
  ])('refuses %s', (_, presented) => {
    expect(sut(presented, expected)).toBe(false);
  });

  it('fails closed when no token is configured', () => {
    expect(sut('', '')).toBe(false);
    expect(sut('anything', '')).toBe(false);
  });
});
