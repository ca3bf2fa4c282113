import { DEFAULT_RATE_LIMITS, TokenBucketLimiter } from './rate-limiter';

describe(TokenBucketLimiter.name, () => {
  it('lets a burst through, then spaces requests at the rate', () => {
    const sut = new TokenBucketLimiter({ perSecond: 10, burst: 3 });
    expect([0, 0, 0, 0, 0].map(() => sut.reserve('k', 1000))).toEqual([0, 0, 0, 100, 200]);
  });

  it('refills with time, up to the burst', () => {
    const sut = new TokenBucketLimiter({ perSecond: 10, burst: 2 });
    sut.reserve('k', 0);
    sut.reserve('k', 0);
    expect(sut.tryTake('k', 50)).toBe(false);
    expect(sut.tryTake('k', 100)).toBe(true);
    expect(sut.tryTake('k', 10_000)).toBe(true);
    expect(sut.tryTake('k', 10_000)).toBe(true);
    expect(sut.tryTake('k', 10_000)).toBe(false);
  });

  it('keeps one bucket per sender', () => {
    const sut = new TokenBucketLimiter({ perSecond: 1, burst: 1 });
    expect([sut.reserve('meta-cloud-api:1', 0), sut.reserve('meta-cloud-api:2', 0), sut.reserve('meta-cloud-api:1', 0)]).toEqual([0, 0, 1000]);
  });

  it('holds a sender back for as long as the provider asked', () => {
    const sut = new TokenBucketLimiter({ perSecond: 10, burst: 10 });
    sut.pause('k', 0, 2000);
    expect(sut.tryTake('k', 1999)).toBe(false);
    expect(sut.reserve('k', 1000)).toBe(1100);
  });

  it('keeps WhatsApp at 80 messages a second per number', () => {
    const sut = new TokenBucketLimiter(DEFAULT_RATE_LIMITS['meta-cloud-api']);
    const waits = Array.from({ length: 160 }, () => sut.reserve('meta-cloud-api:106540352242922', 0));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(80);
    expect(waits.at(-1)).toBe(1000);
  });

  it('refuses a limit that could never grant a token', () => {
    expect(() => new TokenBucketLimiter({ perSecond: 0, burst: 1 })).toThrow();
  });
});
