/** Retries with full-jitter backoff, per-sender token buckets, notification ids that make redelivery harmless. */
export { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff';
export {
  notificationIdOf,
  redeliveryDecision,
  type NotificationIdentity,
  type NotificationProgress,
  type NotificationRecord,
} from './idempotency';
export { DEFAULT_RATE_LIMITS, TokenBucketLimiter, type RateLimit } from './rate-limiter';
export { decideAfterFailure, DEFAULT_RETRY_POLICIES, type RetryDecision, type RetryDecisionCode, type RetryPolicy } from './retry-policy';
