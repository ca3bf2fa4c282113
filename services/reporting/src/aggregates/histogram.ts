/**
 * Durations kept as counts in geometric buckets, so that a median and a p90 over any set of
 * units and months is a sum of small maps, never a scan of cases. Bucket 0 holds up to one minute;
 * bucket b up to one minute x RATIO^b: a percentile read from it is at most RATIO - 1 (20%) above
 * the true value and never below it.
 */
export const RATIO = 1.2;
const BASE_MS = 60_000;
const MAX_BUCKET = 80;

export type Histogram = Record<string, number>;

export function bucketOf(ms: number): string {
  if (ms <= BASE_MS) return 'b0';
  return `b${Math.min(MAX_BUCKET, Math.ceil(Math.log(ms / BASE_MS) / Math.log(RATIO) - 1e-9))}`;
}

export function bucketUpperMs(bucket: string): number {
  return Math.round(BASE_MS * RATIO ** Number(bucket.slice(1)));
}

export function mergeHistograms(target: Histogram, source: Histogram | undefined): Histogram {
  for (const [bucket, n] of Object.entries(source ?? {})) target[bucket] = (target[bucket] ?? 0) + n;
  return target;
}

export interface DurationSummary {
  count: number;
  /** Milliseconds; null without any case. */
  medianMs: number | null;
  p90Ms: number | null;
}

/** The nearest-rank percentile (0 < q <= 1), as the upper bound of the bucket it falls in. */
export function percentile(histogram: Histogram, q: number): number | null {
  const buckets = Object.entries(histogram)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)));
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucketUpperMs(bucket);
  }
  return null;
}

export function summarise(histogram: Histogram): DurationSummary {
  const count = Object.values(histogram).reduce((sum, n) => sum + n, 0);
  return { count, medianMs: percentile(histogram, 0.5), p90Ms: percentile(histogram, 0.9) };
}
