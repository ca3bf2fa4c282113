import type { HttpMappedError } from '@cc/platform';

export interface RateLimit {
  /** Reports a sender may send at once after a quiet spell. */
  burst: number;
  /** Sustained reports per minute. */
  perMinute: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** A sender over their limit: the channel is asked to come back later (429), nothing is stored. */
export class SenderRateLimitedError extends Error implements HttpMappedError {
  readonly httpStatus = 429;
  readonly code = 'INTAKE.RATE_LIMITED';

  constructor(readonly retryAfterSeconds: number) {
    super(`this sender is sending faster than allowed; retry in ${retryAfterSeconds} s`);
    this.name = 'SenderRateLimitedError';
  }
}

/**
 * Token buckets per sender key, so that one stuck phone or a flooding script cannot crowd out a
 * district's workers. Held per replica: with N replicas a sender gets at most N times the limit,
 * which is fine for its purpose (a flood, not a quota) and needs no shared store on the hot path.
 * Full buckets are forgotten, so memory follows the senders active in the last few minutes.
 */
export class SenderRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private lastSweep: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = limit.perMinute / 60_000;
    this.lastSweep = now();
  }

  take(senderKey: string): TakeResult {
    const now = this.now();
    this.sweep(now);
    const bucket = this.refilled(senderKey, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(senderKey, bucket);
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Gives back a token taken for a message that turned out to be a provider's retry. */
  refund(senderKey: string): void {
    const bucket = this.buckets.get(senderKey);
    if (bucket) bucket.tokens = Math.min(this.limit.burst, bucket.tokens + 1);
  }

  /** Senders being tracked (their buckets are not full). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(senderKey: string, now: number): Bucket {
    const bucket = this.buckets.get(senderKey);
    if (!bucket) return { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    return bucket;
  }

  /** Once a minute at most: drops buckets that have refilled, whose senders are as if new. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
