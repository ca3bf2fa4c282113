import { createHmac } from 'node:crypto';
import type { SenderIdentity } from '@cc/contracts';

/** Development and tests only: production refuses to start without SENDER_KEY_SECRET (libs/config). */
const DEVELOPMENT_SECRET = 'connect-center-development-sender-key-secret';

let secret = DEVELOPMENT_SECRET;

/**
 * Sets the key of every sender pseudonym this process computes; called once at boot with
 * SENDER_KEY_SECRET. Process-wide because the key is a property of the deployment, like the
 * database it writes to, and every service of it must compute the same pseudonym for a sender.
 */
export function useSenderKeySecret(value: string | undefined): void {
  secret = value ?? DEVELOPMENT_SECRET;
}

/**
 * A stable pseudonym of a sender: it keys the sender's reports (so they stay in order across
 * channels when the identity is the same) and stands for them wherever a name would be personal
 * data — logs, feeds, metrics. Keyed (HMAC-SHA256): a plain hash of a phone number could be
 * reversed by hashing all ten-digit mobile numbers, which takes minutes. Intake computes it;
 * membership computes the same key for every identity of a member, so the two meet without a
 * phone number ever crossing a topic it does not have to.
 */
export function canonicalSenderKey(sender: SenderIdentity): string {
  const identity = sender.kind === 'phone' ? `phone:${sender.e164}` : `${sender.kind}:${sender.id}`;
  return `snd_${createHmac('sha256', secret).update(identity).digest('hex').slice(0, 32)}`;
}
