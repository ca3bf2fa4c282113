import type { OrgTree } from '../../organisation/org-tree';
import { snapshotOf, type StoredMember } from '../store/members.repository';

/**
 * A member as the API shows them to an office-bearer who manages their unit: the state the member
 * topic carries (without the sender pseudonyms, which are for services), the external id, and
 * `version` for the next change (If-Match).
 */
export function memberView({ member, posts, version }: StoredMember, tree: OrgTree) {
  const { identityKeys: _identityKeys, ...state } = snapshotOf(member, posts, tree);
  return { ...state, ...(member.externalId ? { externalId: member.externalId } : {}), version };
}
