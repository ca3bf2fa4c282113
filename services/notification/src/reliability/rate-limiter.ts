export interface RateLimit {
  /** Sustained rate. */
  perSecond: number;
  /** How many may go at once after a quiet spell. */
  burst: number;
}

/**
 * WhatsApp's documented default throughput is 80 messages per second per business phone number.
 * The SMS gateways' and the app backend's limits are per contract; these are conservative
 * starting points to be set from the accounts' terms.
 */
export const DEFAULT_RATE_LIMITS = {
  'meta-cloud-api': { perSecond: 80, burst: 80 },
  twilio: { perSecond: 10, burst: 10 },
  gupshup: { perSecond: 20, burst: 20 },
  'app-backend': { perSecond: 50, burst: 50 },
} as const satisfies Record<string, RateLimit>;

interface Bucket {
  tokens: number;
  at: number;
  pausedUntil: number;
}

/**
 * Token buckets, one per key (a provider and its sender: `meta-cloud-api:<phone-number-id>`).
 * `reserve` takes a token now or in the future and says how long to wait for it, so concurrent
 * senders queue up at the rate instead of all trying and being refused. Times are passed in.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) throw new Error('a rate limit needs perSecond > 0 and burst >= 1');
  }

  /** Milliseconds to wait before sending; 0 when a token is there. */
  reserve(key: string, nowMs: number): number {
    const bucket = this.refill(key, nowMs);
    const start = Math.max(nowMs, bucket.pausedUntil);
    bucket.tokens -= 1;
    const shortfall = bucket.tokens < 0 ? (-bucket.tokens / this.limit.perSecond) * 1000 : 0;
    return Math.ceil(start - nowMs + shortfall);
  }

  /** Takes a token only if one is there now. */
  tryTake(key: string, nowMs: number): boolean {
    const bucket = this.refill(key, nowMs);
    if (nowMs < bucket.pausedUntil || bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** After a provider's rate-limit answer: nothing more for this key until it said to come back. */
  pause(key: string, nowMs: number, forMs: number): void {
    const bucket = this.refill(key, nowMs);
    bucket.pausedUntil = Math.max(bucket.pausedUntil, nowMs + forMs);
    bucket.tokens = Math.min(bucket.tokens, 0);
  }

  private refill(key: string, nowMs: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: nowMs, pausedUntil: 0 };
    const from = Math.max(bucket.at, bucket.pausedUntil);
    if (nowMs > from) bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((nowMs - from) / 1000) * this.limit.perSecond);
    bucket.at = Math.max(bucket.at, nowMs);
    this.buckets.set(key, bucket);
    return bucket;
  }
}
