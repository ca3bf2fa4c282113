import { createHash, timingSafeEqual } from 'node:crypto';

export interface ApiKeyEntry {
  /** Who the key belongs to: it namespaces their idempotency keys and names them in logs. */
  integrator: string;
  digest: Buffer;
}

const ENTRY = /^([a-z0-9][a-z0-9-]{1,62}):(.+)$/;
export const MIN_API_KEY_LENGTH = 32;

/**
 * Parses `integrator:key,integrator:key` (one key per integrator, several during a rotation).
 * Only digests are kept, so a key is never held in memory in a form that could be logged by
 * accident, and comparing digests takes the same time whatever the key length.
 */
export function parseApiKeys(list: string): { ok: true; keys: ApiKeyEntry[] } | { ok: false; reason: string } {
  const keys: ApiKeyEntry[] = [];
  const entries = list.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const [index, entry] of entries.entries()) {
    const match = ENTRY.exec(entry);
    if (!match) return { ok: false, reason: `entry ${index + 1} is not "<integrator>:<key>" with a lower-case integrator name` };
    const [, integrator, key] = match as unknown as [string, string, string];
    if (key.length < MIN_API_KEY_LENGTH) return { ok: false, reason: `the key of "${integrator}" is shorter than ${MIN_API_KEY_LENGTH} characters` };
    keys.push({ integrator, digest: digest(key) });
  }
  return { ok: true, keys };
}

/** The integrator whose key this is, compared in constant time against every configured key. */
export function integratorForKey(keys: readonly ApiKeyEntry[], presented: string): string | undefined {
  const candidate = digest(presented);
  let found: string | undefined;
  for (const entry of keys) if (timingSafeEqual(entry.digest, candidate)) found ??= entry.integrator;
  return found;
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
