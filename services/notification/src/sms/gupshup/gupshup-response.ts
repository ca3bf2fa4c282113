import { parseJson, retryAfterMs, type HttpResponse } from '../../providers/http-transport';
import { failed, failureFromStatus, type SendOutcome } from '../../providers/send-outcome';
import { redactPhones } from '../../shared/redact';

/**
 * Reads Gupshup's `format=json` answer, always HTTP 200 unless the gateway itself is in trouble:
 * `{"response":{"id":"<message id>","phone":"91...","details":"","status":"success"}}`, or
 * `{"response":{"id":"<error id>","details":"<why>","status":"error"}}`. Gupshup publishes no
 * table of error ids; the ones below are as integrations report them (102: bad credentials), and
 * the rest is read from `details`. An unknown error is permanent: retrying a refusal does not
 * change it.
 */
export function parseGupshupResponse(response: HttpResponse, now: Date = new Date()): SendOutcome {
  if (response.status < 200 || response.status >= 300) return failureFromStatus('gupshup', response.status, retryAfterMs(response.headers, now));
  const envelope = parseJson(response.text);
  const body = typeof envelope === 'object' && envelope !== null ? (envelope as { response?: Record<string, unknown> }).response : undefined;
  const status = typeof body?.status === 'string' ? body.status.toLowerCase() : undefined;
  const id = typeof body?.id === 'string' || typeof body?.id === 'number' ? String(body.id) : '';

  if (status === 'success' && id !== '') return { ok: true, provider: 'gupshup', providerMessageId: id };
  if (status !== 'error') {
    return failed('gupshup', 'ambiguous', 'PROVIDER.MALFORMED_RESPONSE', 'Gupshup answered without a success or error status', { httpStatus: response.status });
  }
  const details = typeof body?.details === 'string' ? body.details : '';
  const reason = redactPhones(`Gupshup error ${id || '?'}: ${details || 'no details'}`.slice(0, 500));
  const extra = { providerCode: id || undefined, httpStatus: response.status };
  if (id === '102' || /authentication failed/i.test(details)) return failed('gupshup', 'permanent', 'PROVIDER.AUTH', reason, extra);
  if (/not a valid phone number|invalid (phone|mobile)/i.test(details)) return failed('gupshup', 'permanent', 'PROVIDER.RECIPIENT_UNREACHABLE', reason, extra);
  if (/service is disabled|not enabled/i.test(details)) return failed('gupshup', 'permanent', 'PROVIDER.ACCOUNT_RESTRICTED', reason, extra);
  if (/dlt|template/i.test(details)) return failed('gupshup', 'permanent', 'PROVIDER.TEMPLATE_REJECTED', reason, extra);
  if (/unknown exception|retry|try again/i.test(details)) return failed('gupshup', 'retryable', 'PROVIDER.UNAVAILABLE', reason, extra);
  return failed('gupshup', 'permanent', 'PROVIDER.REJECTED', reason, extra);
}
