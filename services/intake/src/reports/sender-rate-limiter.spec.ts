import { SenderRateLimiter } from './sender-rate-limiter';

describe('SenderRateLimiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a burst through, then refuses with the seconds until the next token', () => {
    const sut = new SenderRateLimiter({ burst: 3, perMinute: 6 }, clock);
    expect([sut.take('a'), sut.take('a'), sut.take('a')]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(sut.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it('keeps senders apart', () => {
    const sut = new SenderRateLimiter({ burst: 1, perMinute: 1 }, clock);
    expect(sut.take('a').ok).toBe(true);
    expect(sut.take('a').ok).toBe(false);
    expect(sut.take('b').ok).toBe(true);
  });

  it('refills at the sustained rate and never beyond the burst', () => {
    const sut = new SenderRateLimiter({ burst: 2, perMinute: 60 }, clock);
    sut.take('a');
    sut.take('a');
    expect(sut.take('a').ok).toBe(false);
    now += 1000;
    expect(sut.take('a').ok).toBe(true);
    expect(sut.take('a').ok).toBe(false);
    now += 3_600_000;
    expect([sut.take('a').ok, sut.take('a').ok, sut.take('a').ok]).toEqual([true, true, false]);
  });

  it('gives a refunded token back, so a provider retry costs the sender nothing', () => {
    const sut = new SenderRateLimiter({ burst: 1, perMinute: 1 }, clock);
    sut.take('a');
    sut.refund('a');
    expect(sut.take('a').ok).toBe(true);
  });

  it('forgets senders whose bucket has refilled', () => {
    const sut = new SenderRateLimiter({ burst: 2, perMinute: 60 }, clock);
    for (let i = 0; i < 100; i++) sut.take(`sender-${i}`);
    expect(sut.size).toBe(100);
    now += 61_000;
    sut.take('late');
    expect(sut.size).toBe(1);
  });
});
