import { parseJson, retryAfterMs, type HttpResponse } from '../providers/http-transport';
import { failed, failureFromStatus, type SendOutcome } from '../providers/send-outcome';
import { redactPhones } from '../shared/redact';
import { whatsAppErrorRule } from './cloud-api-errors';

interface CloudApiError {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  error_subcode?: unknown;
  error_data?: { details?: unknown };
  fbtrace_id?: unknown;
}

/**
 * Reads the Cloud API's answer: `{messaging_product, contacts:[{input, wa_id}], messages:[{id}]}`
 * on success, Graph's `{error:{message, type, code, error_subcode, error_data:{details},
 * fbtrace_id}}` otherwise. A 2xx we cannot read is ambiguous: the message may be on its way.
 */
export function parseCloudApiResponse(response: HttpResponse, now: Date = new Date()): SendOutcome {
  const body = parseJson(response.text);
  if (response.status >= 200 && response.status < 300) {
    const id = messageIdOf(body);
    if (id) return { ok: true, provider: 'meta-cloud-api', providerMessageId: id };
    return failed('meta-cloud-api', 'ambiguous', 'PROVIDER.MALFORMED_RESPONSE', 'the Cloud API accepted the request but returned no message id', {
      httpStatus: response.status,
    });
  }
  const retryAfter = retryAfterMs(response.headers, now);
  const error = errorOf(body);
  if (!error || typeof error.code !== 'number') return failureFromStatus('meta-cloud-api', response.status, retryAfter);

  const rule = whatsAppErrorRule(error.code);
  const kind = rule?.kind ?? (response.status === 429 || response.status >= 500 ? 'retryable' : 'permanent');
  const code = rule?.code ?? (kind === 'retryable' ? 'PROVIDER.UNAVAILABLE' : 'PROVIDER.REJECTED');
  const subcode = typeof error.error_subcode === 'number' ? ` (subcode ${error.error_subcode})` : '';
  const details = typeof error.error_data?.details === 'string' ? `: ${error.error_data.details}` : '';
  const message = typeof error.message === 'string' ? error.message : (rule?.title ?? 'error');
  return failed('meta-cloud-api', kind, code, redactPhones(`WhatsApp error ${error.code}${subcode}, ${message}${details}`.slice(0, 500)), {
    providerCode: String(error.code),
    httpStatus: response.status,
    retryAfterMs: kind === 'retryable' ? retryAfter : undefined,
  });
}

function messageIdOf(body: unknown): string | undefined {
  const messages = isRecord(body) && Array.isArray(body.messages) ? body.messages : [];
  const first: unknown = messages[0];
  return isRecord(first) && typeof first.id === 'string' && first.id.length > 0 ? first.id : undefined;
}

function errorOf(body: unknown): CloudApiError | undefined {
  return isRecord(body) && isRecord(body.error) ? (body.error as CloudApiError) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
