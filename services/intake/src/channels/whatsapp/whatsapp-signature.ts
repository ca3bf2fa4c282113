import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>` against an HMAC-SHA256 of the raw request bytes
 * keyed with the app secret. It must be given the bytes as received (Nest `rawBody: true`): a
 * re-serialised JSON body differs in whitespace and escaping and would never match.
 */
export function verifyWhatsAppSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!Buffer.isBuffer(rawBody) || typeof header !== 'string' || appSecret.length === 0) return false;
  const match = HEADER.exec(header.trim());
  if (!match) return false;
  const presented = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
