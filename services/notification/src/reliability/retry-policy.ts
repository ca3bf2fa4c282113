import type { Provider, SendFailed } from '../providers/send-outcome';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff';

export interface RetryPolicy {
  /** Attempts on one channel, the first included. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /**
   * Whether an ambiguous failure (timeout, connection lost) may be retried: only where the
   * provider deduplicates on our idempotency key, or a retry may deliver the message twice.
   */
  retryAmbiguous: boolean;
}

export const DEFAULT_RETRY_POLICIES: Readonly<Record<Provider, RetryPolicy>> = {
  'meta-cloud-api': { maxAttempts: 5, backoff: DEFAULT_BACKOFF, retryAmbiguous: false },
  twilio: { maxAttempts: 5, backoff: DEFAULT_BACKOFF, retryAmbiguous: false },
  gupshup: { maxAttempts: 5, backoff: DEFAULT_BACKOFF, retryAmbiguous: false },
  'app-backend': { maxAttempts: 5, backoff: DEFAULT_BACKOFF, retryAmbiguous: true },
};

export type RetryDecisionCode = 'DELIVERY.RETRIES_EXHAUSTED' | 'DELIVERY.PERMANENT_FAILURE' | 'DELIVERY.OUTCOME_UNKNOWN';

export type RetryDecision =
  | { action: 'retry'; delayMs: number }
  | { action: 'next-channel'; code: RetryDecisionCode; reason: string }
  | { action: 'dead-letter'; code: RetryDecisionCode; reason: string };

/**
 * What to do after a failed attempt (`attempt` counts the attempts made, this one included):
 * - retryable, attempts left: retry after the provider's Retry-After or a jittered backoff,
 *   whichever is longer;
 * - permanent, or retries spent: the next channel of the plan, or the dead-letter record when
 *   none is left;
 * - ambiguous without idempotency: stop everything and record the outcome as unknown, because
 *   the message may have arrived, and neither a retry nor another channel may repeat it.
 */
export function decideAfterFailure(
  failure: SendFailed,
  attempt: number,
  policy: RetryPolicy,
  hasNextChannel: boolean,
  random: () => number = Math.random,
): RetryDecision {
  const canRetry = failure.kind === 'retryable' || (failure.kind === 'ambiguous' && policy.retryAmbiguous);
  if (canRetry && attempt < policy.maxAttempts) {
    return { action: 'retry', delayMs: Math.max(failure.retryAfterMs ?? 0, fullJitterDelay(attempt, policy.backoff, random)) };
  }
  if (failure.kind === 'ambiguous' && !policy.retryAmbiguous) {
    return {
      action: 'dead-letter',
      code: 'DELIVERY.OUTCOME_UNKNOWN',
      reason: `${failure.provider} may or may not have sent it (${failure.reason}); not repeated, to avoid a duplicate`,
    };
  }
  const code = canRetry ? 'DELIVERY.RETRIES_EXHAUSTED' : 'DELIVERY.PERMANENT_FAILURE';
  const reason = canRetry ? `${failure.provider} still failing after ${attempt} attempts: ${failure.reason}` : failure.reason;
  return hasNextChannel ? { action: 'next-channel', code, reason } : { action: 'dead-letter', code, reason };
}
