import type { FailureKind, SendFailureCode } from '../../providers/send-outcome';
import { parseJson, retryAfterMs, type HttpResponse } from '../../providers/http-transport';
import { failed, failureFromStatus, type SendOutcome } from '../../providers/send-outcome';
import { redactPhones } from '../../shared/redact';

interface TwilioErrorRule {
  kind: Exclude<FailureKind, 'ambiguous'>;
  code: SendFailureCode;
}

const retry = (code: SendFailureCode): TwilioErrorRule => ({ kind: 'retryable', code });
const stop = (code: SendFailureCode): TwilioErrorRule => ({ kind: 'permanent', code });

/**
 * Twilio error codes (twilio.com/docs/api/errors/<code>). The 2xxxx codes come back on the
 * create request; the 3xxxx ones arrive later as the `ErrorCode` of a status callback and are
 * classified by the same table.
 */
const RULES: ReadonlyMap<number, TwilioErrorRule> = new Map([
  [20003, stop('PROVIDER.AUTH')], // Authenticate
  [20005, stop('PROVIDER.ACCOUNT_RESTRICTED')], // Account not active
  [20404, stop('PROVIDER.INVALID_REQUEST')], // Resource not found
  [20429, retry('PROVIDER.RATE_LIMITED')], // Too Many Requests
  [20500, retry('PROVIDER.UNAVAILABLE')], // Internal server error
  [20503, retry('PROVIDER.UNAVAILABLE')], // Service unavailable
  [21211, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // Invalid 'To' phone number
  [21214, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // 'To' phone number cannot be reached
  [21612, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // 'To' phone number is not currently reachable via SMS
  [21614, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // 'To' number is not a valid mobile number
  [21408, stop('PROVIDER.ACCOUNT_RESTRICTED')], // Permission to send an SMS has not been enabled for the region
  [21610, stop('PROVIDER.RECIPIENT_OPTED_OUT')], // Attempt to send to unsubscribed recipient
  [21602, stop('PROVIDER.INVALID_REQUEST')], // Message body is required
  [21603, stop('PROVIDER.INVALID_REQUEST')], // 'From' phone number is required
  [21604, stop('PROVIDER.INVALID_REQUEST')], // 'To' phone number is required
  [21606, stop('PROVIDER.INVALID_REQUEST')], // 'From' phone number is not a valid, SMS-capable number for your account
  [21617, stop('PROVIDER.INVALID_REQUEST')], // Concatenated message body exceeds the 1600 character limit
  [21611, retry('PROVIDER.RATE_LIMITED')], // 'From' number has exceeded the maximum number of queued messages
  [30001, retry('PROVIDER.RATE_LIMITED')], // Queue overflow
  [30002, stop('PROVIDER.ACCOUNT_RESTRICTED')], // Account suspended
  [30003, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // Unreachable destination handset
  [30004, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // Message blocked
  [30005, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // Unknown destination handset
  [30006, stop('PROVIDER.RECIPIENT_UNREACHABLE')], // Landline or unreachable carrier
  [30007, stop('PROVIDER.REJECTED')], // Message filtered by the carrier
  [30008, retry('PROVIDER.UNAVAILABLE')], // Unknown error
]);

export function twilioErrorRule(code: number): TwilioErrorRule | undefined {
  return RULES.get(code);
}

/**
 * Reads Twilio's answer: the created Message resource (`sid` SM..., `status` queued or accepted)
 * with 201, or `{code, message, more_info, status}` with a 4xx/5xx.
 */
export function parseTwilioResponse(response: HttpResponse, now: Date = new Date()): SendOutcome {
  const body = parseJson(response.text);
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (response.status >= 200 && response.status < 300) {
    if (typeof record.sid === 'string' && /^(SM|MM)[0-9a-fA-F]{32}$/.test(record.sid)) {
      return { ok: true, provider: 'twilio', providerMessageId: record.sid };
    }
    return failed('twilio', 'ambiguous', 'PROVIDER.MALFORMED_RESPONSE', 'Twilio accepted the request but returned no message SID', { httpStatus: response.status });
  }
  const retryAfter = retryAfterMs(response.headers, now);
  if (typeof record.code !== 'number') return failureFromStatus('twilio', response.status, retryAfter);

  const rule = twilioErrorRule(record.code);
  const kind = rule?.kind ?? (response.status === 429 || response.status >= 500 ? 'retryable' : 'permanent');
  const code = rule?.code ?? (kind === 'retryable' ? 'PROVIDER.UNAVAILABLE' : 'PROVIDER.REJECTED');
  const message = typeof record.message === 'string' ? record.message : `HTTP ${response.status}`;
  return failed('twilio', kind, code, redactPhones(`Twilio error ${record.code}: ${message}`.slice(0, 500)), {
    providerCode: String(record.code),
    httpStatus: response.status,
    retryAfterMs: kind === 'retryable' ? retryAfter : undefined,
  });
}
