import { verifySubscription } from './whatsapp-verification';

describe(verifySubscription.name, () => {
  const sut = verifySubscription;
  const token = 'cc-verify-7f3a9b';
  const query = (overrides: Record<string, unknown> = {}) => ({
    'hub.mode': 'subscribe',
    'hub.verify_token': token,
    'hub.challenge': '1158201444',
    ...overrides,
  });

  it('returns the challenge when mode and token match', () => {
    expect(sut(query(), token)).toEqual({ ok: true, challenge: '1158201444' });
  });

  it.each([
    ['a wrong token', { 'hub.verify_token': 'cc-verify-7f3a9c' }],
    ['a token prefix', { 'hub.verify_token': token.slice(0, -1) }],
    ['a missing token', { 'hub.verify_token': undefined }],
    ['a repeated token', { 'hub.verify_token': [token, token] }],
    ['another mode', { 'hub.mode': 'unsubscribe' }],
    ['a missing mode', { 'hub.mode': undefined }],
    ['a missing challenge', { 'hub.challenge': undefined }],
    ['an empty challenge', { 'hub.challenge': '' }],
  ])('refuses %s', (_, overrides) => {
    expect(sut(query(overrides), token)).toEqual({ ok: false });
  });

  it('refuses everything when no verify token is configured', () => {
    expect(sut(query({ 'hub.verify_token': '' }), '')).toEqual({ ok: false });
  });
});
