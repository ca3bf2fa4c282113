import { failed, type FailureKind } from '../providers/send-outcome';
import { decideAfterFailure, DEFAULT_RETRY_POLICIES, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 3, backoff: { baseMs: 1000, capMs: 60_000 }, retryAmbiguous: false };
const failure = (kind: FailureKind, retryAfterMs?: number) =>
  failed('meta-cloud-api', kind, kind === 'permanent' ? 'PROVIDER.RECIPIENT_UNREACHABLE' : 'PROVIDER.UNAVAILABLE', 'why', { retryAfterMs });
const half = () => 0.5;

describe(decideAfterFailure.name, () => {
  it('retries a retryable failure with a jittered backoff', () => {
    expect(decideAfterFailure(failure('retryable'), 1, policy, true, half)).toEqual({ action: 'retry', delayMs: 500 });
    expect(decideAfterFailure(failure('retryable'), 2, policy, true, half)).toEqual({ action: 'retry', delayMs: 1000 });
  });

  it("waits at least the provider's Retry-After", () => {
    expect(decideAfterFailure(failure('retryable', 5000), 1, policy, true, half)).toEqual({ action: 'retry', delayMs: 5000 });
  });

  it('moves to the next channel when retries are spent, or dead-letters without one', () => {
    expect(decideAfterFailure(failure('retryable'), 3, policy, true, half)).toMatchObject({ action: 'next-channel', code: 'DELIVERY.RETRIES_EXHAUSTED' });
    expect(decideAfterFailure(failure('retryable'), 3, policy, false, half)).toMatchObject({
      action: 'dead-letter',
      code: 'DELIVERY.RETRIES_EXHAUSTED',
      reason: 'meta-cloud-api still failing after 3 attempts: why',
    });
  });

  it('never retries a permanent failure', () => {
    expect(decideAfterFailure(failure('permanent'), 1, policy, true, half)).toMatchObject({ action: 'next-channel', code: 'DELIVERY.PERMANENT_FAILURE' });
    expect(decideAfterFailure(failure('permanent'), 1, policy, false, half)).toMatchObject({ action: 'dead-letter', code: 'DELIVERY.PERMANENT_FAILURE' });
  });

  it('neither retries nor falls back after an ambiguous failure without idempotency', () => {
    expect(decideAfterFailure(failure('ambiguous'), 1, policy, true, half)).toMatchObject({ action: 'dead-letter', code: 'DELIVERY.OUTCOME_UNKNOWN' });
  });

  it('retries an ambiguous failure where the provider deduplicates', () => {
    expect(decideAfterFailure(failure('ambiguous'), 1, DEFAULT_RETRY_POLICIES['app-backend'], true, half)).toMatchObject({ action: 'retry' });
    expect(decideAfterFailure(failure('ambiguous'), 5, DEFAULT_RETRY_POLICIES['app-backend'], true, half)).toMatchObject({ action: 'next-channel' });
  });
});
