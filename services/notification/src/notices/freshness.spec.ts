import { isFresh } from './freshness';

describe(isFresh.name, () => {
  const now = new Date('2026-11-26T12:00:00.000Z');
  const DAY = 86_400_000;

  it('takes events up to the maximum age, and events stamped slightly in the future (clock skew)', () => {
    expect(isFresh('2026-11-26T11:59:00.000Z', now, DAY)).toBe(true);
    expect(isFresh('2026-11-25T12:00:00.000Z', now, DAY)).toBe(true);
    expect(isFresh('2026-11-26T12:00:05.000Z', now, DAY)).toBe(true);
  });

  it('refuses older events and unreadable times', () => {
    expect(isFresh('2026-11-25T11:59:59.999Z', now, DAY)).toBe(false);
    expect(isFresh('not a time', now, DAY)).toBe(false);
  });
});
