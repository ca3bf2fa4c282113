/** Injection token of the per-replica {@link SenderRateLimiter}: tests swap in their own limits. */
export const SENDER_RATE_LIMITER = Symbol('SENDER_RATE_LIMITER');
