import type { FailureKind, SendFailureCode } from '../providers/send-outcome';

export interface WhatsAppErrorRule {
  kind: Exclude<FailureKind, 'ambiguous'>;
  code: SendFailureCode;
  title: string;
}

const retry = (code: SendFailureCode, title: string): WhatsAppErrorRule => ({ kind: 'retryable', code, title });
const stop = (code: SendFailureCode, title: string): WhatsAppErrorRule => ({ kind: 'permanent', code, title });

/**
 * Cloud API error codes, from Meta's "WhatsApp error codes" reference
 * (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes) and its
 * throughput and pair-rate pages. Meta advises branching on `code`, not on titles or HTTP status
 * (the current page gives no status per code; a throughput error has been seen on 400 and 429),
 * so the code decides here and the status only when the code is unknown. The same codes arrive
 * asynchronously in `failed` status callbacks, and are classified by the same table.
 */
const RULES: ReadonlyMap<number, WhatsAppErrorRule> = new Map([
  [0, stop('PROVIDER.AUTH', 'AuthException')],
  [3, stop('PROVIDER.AUTH', 'API method (capability or permissions issue)')],
  [10, stop('PROVIDER.AUTH', 'Permission denied')],
  [190, stop('PROVIDER.AUTH', 'Access token has expired')],
  [1, retry('PROVIDER.UNAVAILABLE', 'API unknown (invalid request or possible server error)')],
  [2, retry('PROVIDER.UNAVAILABLE', 'API service (temporary downtime or overload)')],
  [4, retry('PROVIDER.RATE_LIMITED', 'API too many calls (app rate limit)')],
  [80007, retry('PROVIDER.RATE_LIMITED', 'Rate limit issues (WhatsApp Business Account)')],
  [130429, retry('PROVIDER.RATE_LIMITED', 'Rate limit hit (throughput)')],
  [131048, retry('PROVIDER.RATE_LIMITED', 'Spam rate limit hit')],
  [131056, retry('PROVIDER.RATE_LIMITED', '(Business account, consumer account) pair rate limit hit')],
  [131000, retry('PROVIDER.UNAVAILABLE', 'Something went wrong')],
  [131016, retry('PROVIDER.UNAVAILABLE', 'Service unavailable')],
  [131057, retry('PROVIDER.UNAVAILABLE', 'Account in maintenance mode')],
  [133004, retry('PROVIDER.UNAVAILABLE', 'Server temporarily unavailable')],
  [33, stop('PROVIDER.INVALID_REQUEST', 'Parameter value is not valid')],
  [100, stop('PROVIDER.INVALID_REQUEST', 'Invalid parameter')],
  [131008, stop('PROVIDER.INVALID_REQUEST', 'Required parameter is missing')],
  [131009, stop('PROVIDER.INVALID_REQUEST', 'Parameter value is not valid')],
  [131021, stop('PROVIDER.INVALID_REQUEST', 'Recipient cannot be sender')],
  [131051, stop('PROVIDER.INVALID_REQUEST', 'Unsupported message type')],
  [131026, stop('PROVIDER.RECIPIENT_UNREACHABLE', 'Message undeliverable')],
  [131030, stop('PROVIDER.RECIPIENT_UNREACHABLE', 'Recipient phone number not in allowed list')],
  [131049, stop('PROVIDER.RECIPIENT_UNREACHABLE', 'Meta chose not to deliver (per-user marketing limit)')],
  [130472, stop('PROVIDER.RECIPIENT_UNREACHABLE', "User's number is part of an experiment")],
  [131047, stop('PROVIDER.OUTSIDE_WINDOW', 'Re-engagement message (more than 24 hours since the user last wrote)')],
  [131050, stop('PROVIDER.RECIPIENT_OPTED_OUT', 'User stopped marketing messages')],
  [132000, stop('PROVIDER.TEMPLATE_REJECTED', 'Template parameter count mismatch')],
  [132001, stop('PROVIDER.TEMPLATE_REJECTED', 'Template does not exist (in that language)')],
  [132005, stop('PROVIDER.TEMPLATE_REJECTED', 'Template hydrated text too long')],
  [132007, stop('PROVIDER.TEMPLATE_REJECTED', 'Template format character policy violated')],
  [132012, stop('PROVIDER.TEMPLATE_REJECTED', 'Template parameter format mismatch')],
  [132015, stop('PROVIDER.TEMPLATE_REJECTED', 'Template is paused')],
  [132016, stop('PROVIDER.TEMPLATE_REJECTED', 'Template is disabled')],
  [368, stop('PROVIDER.ACCOUNT_RESTRICTED', 'Temporarily blocked for policy violations')],
  [130497, stop('PROVIDER.ACCOUNT_RESTRICTED', 'Business account restricted from messaging users in this country')],
  [131031, stop('PROVIDER.ACCOUNT_RESTRICTED', 'Account has been locked')],
  [131042, stop('PROVIDER.ACCOUNT_RESTRICTED', 'Business eligibility payment issue')],
  [131045, stop('PROVIDER.ACCOUNT_RESTRICTED', 'Incorrect certificate')],
  [133010, stop('PROVIDER.ACCOUNT_RESTRICTED', 'Phone number not registered')],
]);

/** The rule for a Cloud API error code; codes 200-299 are API permission errors. */
export function whatsAppErrorRule(code: number): WhatsAppErrorRule | undefined {
  if (code >= 200 && code <= 299) return stop('PROVIDER.AUTH', 'API permission');
  return RULES.get(code);
}

/**
 * Failure codes after which another channel should carry the notification. Every permanent
 * WhatsApp failure qualifies: the person still needs to hear, and SMS reaches every phone.
 */
export function whatsAppFailureFallsBack(code: number): boolean {
  return whatsAppErrorRule(code)?.kind === 'permanent';
}
