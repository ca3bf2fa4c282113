import { maskPhone } from '@cc/identity';
import type { PostKind } from '../../committees/post-kind';
import { reject, type Rejection } from '../../shared/rejection';
import type { Member, MemberFields } from '../member';

/**
 * How an import finds the member a row is about, so that importing a file again updates the same
 * members instead of creating them twice:
 * - `external-id`: the party's membership number, when the row has one;
 * - `phone`: otherwise the row's first phone — and the store matches the member holding any of
 *   the row's phones (or its BSUID or app user id), so reordering or adding numbers in the next
 *   file still finds them.
 * A row with neither has no natural key and is refused.
 */
export type MemberKey = { kind: 'external-id'; id: string } | { kind: 'phone'; e164: string };

export interface MemberUpsertCommand {
  /** The file line the command came from, for the error report. */
  line: number;
  key: MemberKey;
  fields: MemberFields;
  /** A post at the home unit, assigned by the store when the member does not hold it yet. */
  post?: PostKind;
}

export type UpsertConflictCode = 'IMPORT.IDENTITY_CONFLICT' | 'IMPORT.EXTERNAL_ID_CONFLICT';

export type UpsertDecision =
  | { ok: true; action: 'create' }
  | { ok: true; action: 'update'; member: Member }
  | Rejection<UpsertConflictCode>;

/**
 * Which known member a command updates, or that it creates one. `candidates` are the members that
 * share the command's external id or any of its identities (the store finds them by index). A row
 * that would join two members, or give a member's number to another, is refused, never merged:
 * merging people is for a person to decide.
 */
export function decideUpsert(command: MemberUpsertCommand, candidates: readonly Member[]): UpsertDecision {
  const { fields } = command;
  const sharing = distinct(candidates.filter((member) => sharedIdentity(member, fields) !== undefined));
  let target = fields.externalId ? candidates.find((member) => member.externalId === fields.externalId) : undefined;
  if (!target) {
    target = sharing[0];
    if (target?.externalId && fields.externalId) {
      return reject(
        'IMPORT.EXTERNAL_ID_CONFLICT',
        `${sharedIdentity(target, fields)} belongs to member ${target.id}, whose external_id is ${target.externalId}, not ${fields.externalId}`,
      );
    }
  }
  const other = sharing.find((member) => member.id !== target?.id);
  if (other) {
    return reject(
      'IMPORT.IDENTITY_CONFLICT',
      `${sharedIdentity(other, fields)} belongs to member ${other.id}${target ? `, and the row is member ${target.id}` : ''}`,
    );
  }
  return target ? { ok: true, action: 'update', member: target } : { ok: true, action: 'create' };
}

function sharedIdentity(member: Member, fields: MemberFields): string | undefined {
  const phone = fields.phones.find((each) => member.phones.includes(each));
  if (phone) return `phone ${maskPhone(phone)}`;
  if (fields.whatsappBsuid && member.whatsappBsuid === fields.whatsappBsuid) return 'the WhatsApp BSUID';
  if (fields.appUserId && member.appUserId === fields.appUserId) return 'the app user id';
  return undefined;
}

function distinct(members: Member[]): Member[] {
  return [...new Map(members.map((member) => [member.id, member])).values()];
}
