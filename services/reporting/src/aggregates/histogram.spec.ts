import { bucketOf, bucketUpperMs, percentile, RATIO, summarise } from './histogram';

describe('histogram', () => {
  it('puts a duration in the bucket whose bound is at or just above it', () => {
    for (const ms of [1, 60_000, 60_001, 3_600_000, 86_400_000, 7 * 86_400_000]) {
      const upper = bucketUpperMs(bucketOf(ms));
      expect(upper).toBeGreaterThanOrEqual(ms - 1);
      expect(upper).toBeLessThanOrEqual(Math.max(60_000, ms * RATIO) + 1);
    }
  });

  it('reads the median and p90 within the bucket precision of the exact values', () => {
    const durations = Array.from({ length: 1000 }, (_, i) => (i + 1) * 600_000);
    const sut: Record<string, number> = {};
    for (const ms of durations) sut[bucketOf(ms)] = (sut[bucketOf(ms)] ?? 0) + 1;

    const median = percentile(sut, 0.5)!;
    const p90 = percentile(sut, 0.9)!;
    expect(median).toBeGreaterThanOrEqual(500 * 600_000);
    expect(median).toBeLessThanOrEqual(500 * 600_000 * RATIO);
    expect(p90).toBeGreaterThanOrEqual(900 * 600_000);
    expect(p90).toBeLessThanOrEqual(900 * 600_000 * RATIO);
  });

  it('says null without any duration, and counts what it has', () => {
    expect(summarise({})).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(summarise({ b0: 3, b5: 0 })).toEqual({ count: 3, medianMs: 60_000, p90Ms: 60_000 });
  });
});
