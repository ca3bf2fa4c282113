import type { OrgTree } from '../../organisation/org-tree';
import type { StoredMember } from '../store/members.repository';

/**
 * A member as the API shows them to an office-bearer who manages their unit: everything they need
 * to reach and organise the member, and `version` for the next change (If-Match).
 */
export function memberView({ member, posts, version }: StoredMember, tree: OrgTree) {
  return {
    memberId: member.id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    name: member.name,
    phones: member.phones,
    ...(member.whatsappBsuid ? { whatsappBsuid: member.whatsappBsuid } : {}),
    ...(member.appUserId ? { appUserId: member.appUserId } : {}),
    homeUnitCode: member.homeUnitCode,
    unitPath: tree.pathOf(member.homeUnitCode) ?? [member.homeUnitCode],
    language: member.language,
    status: member.status,
    consentToContact: member.consent.contact,
    posts: posts.map((tenure) => ({
      unitCode: tenure.unitCode,
      post: tenure.post,
      from: tenure.from.toISOString(),
      ...(tenure.to ? { to: tenure.to.toISOString() } : {}),
    })),
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
    version,
  };
}
