import { createHash } from 'node:crypto';
import type { SenderIdentity } from '@cc/contracts';

/**
 * A stable pseudonym of a sender: it keys the sender's reports (so they stay in order across
 * channels when the identity is the same) and stands for them wherever a name would be personal
 * data — logs, feeds, metrics. Never reversible to the phone number without the source data.
 * Intake computes it; membership computes the same key for every identity of a member so that the
 * two meet without a phone number ever crossing a topic it does not have to.
 */
export function canonicalSenderKey(sender: SenderIdentity): string {
  const identity = sender.kind === 'phone' ? `phone:${sender.e164}` : `${sender.kind}:${sender.id}`;
  return `snd_${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}
