import { constantTimeEqual } from '../constant-time';

export type SubscriptionVerification = { ok: true; challenge: string } | { ok: false };

/**
 * Meta's GET handshake: `hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`. On success the
 * controller answers 200 with the challenge as the body, otherwise 403. The query keys are flat
 * (`"hub.mode"`), as Fastify's and Express's default query parsers deliver them.
 */
export function verifySubscription(query: Record<string, unknown>, verifyToken: string): SubscriptionVerification {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (verifyToken.length === 0 || mode !== 'subscribe') return { ok: false };
  if (typeof token !== 'string' || typeof challenge !== 'string' || challenge.length === 0) return { ok: false };
  return constantTimeEqual(token, verifyToken) ? { ok: true, challenge } : { ok: false };
}
