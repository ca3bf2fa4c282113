export interface BackoffPolicy {
  /** The ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay is drawn above this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 60_000 };

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base · 2^(n-1)))
 * for the n-th retry. Full jitter spreads the retries of many notifications that failed together
 * (a provider outage) instead of sending them back in waves. `random` is injectable for tests.
 */
export function fullJitterDelay(retry: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
