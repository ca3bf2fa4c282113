import type { HttpRequest } from '../providers/http-transport';
import { reject, type Rejection } from '../shared/rejection';
import type { Language } from '../shared/channel';
import { IDEMPOTENCY_HEADER, signPush, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './app-push-signature';

export interface AppPushConfig {
  /** The app backend's push webhook. */
  url: string;
  /** Shared with the app backend (secret). */
  secret: string;
}

export interface AppPushOutbound {
  notificationId: string;
  appUserId: string;
  kind: string;
  language: Language;
  title: string;
  body: string;
  data: Record<string, string>;
}

/**
 * The push request to the party app's backend: JSON, signed (`X-CC-Signature-256` over the
 * timestamp and raw body), with the notification id as `Idempotency-Key`, so a retry after a
 * timeout is answered with the first push instead of a second one.
 */
export function buildAppPushRequest(config: AppPushConfig, outbound: AppPushOutbound, now: Date): HttpRequest | Rejection<'APP_PUSH.INVALID_REQUEST'> {
  if (!outbound.appUserId) return reject('APP_PUSH.INVALID_REQUEST', 'the recipient has no app user id');
  if (config.secret.length < 32) return reject('APP_PUSH.INVALID_REQUEST', 'the push signing secret is shorter than 32 characters');
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({ ...outbound, sentAt: now.toISOString() });
  return {
    method: 'POST',
    url: config.url,
    headers: {
      'content-type': 'application/json',
      [IDEMPOTENCY_HEADER]: outbound.notificationId,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signPush(config.secret, timestamp, body),
    },
    body,
  };
}
