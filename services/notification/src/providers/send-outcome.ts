/** The providers the service sends through; the first three are those of the delivery-status contract. */
export const PROVIDERS = ['meta-cloud-api', 'twilio', 'gupshup', 'app-backend'] as const;
export type Provider = (typeof PROVIDERS)[number];

/**
 * What a failed send means for what happens next:
 * - `retryable`: nothing was delivered and trying again later may work (rate limit, outage);
 * - `permanent`: this provider will not deliver this message (bad number, opted out, no
 *   template, our credentials): another channel may;
 * - `ambiguous`: the request may have been acted on (timeout, connection lost after sending, a
 *   success answer we cannot read). Retrying risks a duplicate unless the provider honours an
 *   idempotency key.
 */
export type FailureKind = 'retryable' | 'permanent' | 'ambiguous';

export type SendFailureCode =
  | 'PROVIDER.RATE_LIMITED'
  | 'PROVIDER.UNAVAILABLE'
  | 'PROVIDER.NETWORK'
  | 'PROVIDER.TIMEOUT'
  | 'PROVIDER.MALFORMED_RESPONSE'
  | 'PROVIDER.AUTH'
  | 'PROVIDER.ACCOUNT_RESTRICTED'
  | 'PROVIDER.INVALID_REQUEST'
  | 'PROVIDER.RECIPIENT_UNREACHABLE'
  | 'PROVIDER.RECIPIENT_OPTED_OUT'
  | 'PROVIDER.OUTSIDE_WINDOW'
  | 'PROVIDER.TEMPLATE_REJECTED'
  | 'PROVIDER.REJECTED';

export interface SendAccepted {
  ok: true;
  provider: Provider;
  /** wamid, Twilio MessageSid, Gupshup message id, app push id: what delivery callbacks name. */
  providerMessageId: string;
}

export interface SendFailed {
  ok: false;
  provider: Provider;
  kind: FailureKind;
  code: SendFailureCode;
  /** For a person; phone numbers masked. */
  reason: string;
  /** The provider's own error code (131047, 21610, ...), for dashboards and support tickets. */
  providerCode?: string;
  httpStatus?: number;
  /** When the provider said how long to wait. */
  retryAfterMs?: number;
}

export type SendOutcome = SendAccepted | SendFailed;

export function failed(
  provider: Provider,
  kind: FailureKind,
  code: SendFailureCode,
  reason: string,
  extra: Pick<SendFailed, 'providerCode' | 'httpStatus' | 'retryAfterMs'> = {},
): SendFailed {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
  return { ok: false, provider, kind, code, reason, ...defined };
}

/** A status a provider answers with and no error body explains. */
export function failureFromStatus(provider: Provider, status: number, retryAfterMs?: number): SendFailed {
  if (status === 429) return failed(provider, 'retryable', 'PROVIDER.RATE_LIMITED', `${provider} answered 429 Too Many Requests`, { httpStatus: status, retryAfterMs });
  if (status >= 500) return failed(provider, 'retryable', 'PROVIDER.UNAVAILABLE', `${provider} answered ${status}`, { httpStatus: status, retryAfterMs });
  if (status === 401 || status === 403) return failed(provider, 'permanent', 'PROVIDER.AUTH', `${provider} refused our credentials (${status})`, { httpStatus: status });
  return failed(provider, 'permanent', 'PROVIDER.REJECTED', `${provider} answered ${status}`, { httpStatus: status });
}
