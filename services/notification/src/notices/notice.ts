import type { ComplaintCategory, DeskRef } from '@cc/contracts';
import type { Channel } from '../shared/channel';

/** Whom a notice is for, by the key the rest of the system knows them by: never an address. */
export type RecipientRef = { kind: 'reporter'; senderKey: string } | { kind: 'member'; memberId: string };

/**
 * What a notice says, as facts from the event rather than finished text: the words for a desk or a
 * category depend on the language, which is known only once the recipient is. Nothing personal.
 */
export interface NoticeFacts {
  reference: string;
  category?: ComplaintCategory;
  /** The unit the case is about. */
  unitCode?: string;
  /** Who handles the case now (assigned to, escalated to). */
  desk?: DeskRef;
  /** Where an escalated case came from. */
  fromUnitCode?: string;
  /** The handling desk's deadline, when the event carries one. */
  dueAt?: string;
  /** When the event happened: with `dueAt`, how many hours the desk has left. */
  occurredAt?: string;
}

export interface Notice {
  templateKey: string;
  recipient: RecipientRef;
  facts: NoticeFacts;
  /** Answers go back on the channel the person wrote on. */
  preferredChannel?: Channel;
}

export const recipientKeyOf = (recipient: RecipientRef): string => (recipient.kind === 'reporter' ? recipient.senderKey : recipient.memberId);
