import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-cc-signature-256';
export const TIMESTAMP_HEADER = 'x-cc-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<unix seconds>.<raw body>` with the shared secret. The
 * timestamp is signed so a captured request cannot be replayed later (the receiver bounds its age).
 */
export function signPush(secret: string, timestampSeconds: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** The receiver's side, as the app backend implements it; the fake uses it. */
export function verifyPushSignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  rawBody: string,
  now: Date,
  toleranceSeconds = 300,
): 'valid' | 'missing' | 'stale' | 'mismatch' {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return 'missing';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return 'stale';
  const expected = Buffer.from(signPush(secret, Number(timestamp), rawBody), 'utf8');
  const presented = Buffer.from(signature, 'utf8');
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? 'valid' : 'mismatch';
}
