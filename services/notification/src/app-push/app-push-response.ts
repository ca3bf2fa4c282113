import { parseJson, retryAfterMs, type HttpResponse } from '../providers/http-transport';
import { failed, failureFromStatus, type SendOutcome } from '../providers/send-outcome';

/**
 * The app backend answers 2xx with `{pushId}` (the same one again for a repeated idempotency
 * key), 404/410 when the user has no device to push to, 409 while the same key is in flight,
 * 429/5xx when busy.
 */
export function parseAppPushResponse(response: HttpResponse, notificationId: string, now: Date = new Date()): SendOutcome {
  const retryAfter = retryAfterMs(response.headers, now);
  if (response.status >= 200 && response.status < 300) {
    const body = parseJson(response.text);
    const pushId = typeof body === 'object' && body !== null ? (body as { pushId?: unknown }).pushId : undefined;
    return { ok: true, provider: 'app-backend', providerMessageId: typeof pushId === 'string' && pushId !== '' ? pushId : notificationId };
  }
  if (response.status === 404 || response.status === 410) {
    return failed('app-backend', 'permanent', 'PROVIDER.RECIPIENT_UNREACHABLE', `the app backend has no device for this user (${response.status})`, {
      httpStatus: response.status,
    });
  }
  if (response.status === 409) {
    return failed('app-backend', 'retryable', 'PROVIDER.RATE_LIMITED', 'the app backend is still handling this idempotency key', { httpStatus: 409, retryAfterMs: retryAfter });
  }
  if (response.status === 400 || response.status === 422) {
    return failed('app-backend', 'permanent', 'PROVIDER.INVALID_REQUEST', `the app backend refused the push (${response.status})`, { httpStatus: response.status });
  }
  return failureFromStatus('app-backend', response.status, retryAfter);
}
