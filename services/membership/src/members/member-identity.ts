import type { SenderIdentity } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import type { Member } from './member';

type Identities = Pick<Member, 'phones' | 'whatsappBsuid' | 'appUserId'>;

/** Every channel identity a member can write from, as intake describes a sender. */
export function senderIdentitiesOf(member: Identities): SenderIdentity[] {
  return [
    ...member.phones.map((e164): SenderIdentity => ({ kind: 'phone', e164 })),
    ...(member.whatsappBsuid ? [{ kind: 'whatsapp-bsuid', id: member.whatsappBsuid } as const] : []),
    ...(member.appUserId ? [{ kind: 'app-user', id: member.appUserId } as const] : []),
  ];
}

/**
 * The sender keys of a member: a report whose `senderKey` is one of these is theirs. Intake
 * computes the same key from the sender, so attribution needs no phone number on the topic.
 */
export function identityKeysOf(member: Identities): string[] {
  return senderIdentitiesOf(member).map(canonicalSenderKey);
}
