import type { CaseGuard } from '../cases/case';
import { isMemberExcluded, isPathExcluded } from '../cases/case-guard';
import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';

/**
 * A member is conflicted when the case names them, or when they hold any post inside an excluded
 * unit: the Kanke secretary who also sits on the Ranchi committee does not handle a complaint
 * about the Kanke president from his Ranchi seat either.
 */
export function isMemberConflicted(guard: CaseGuard, memberId: string, org: OrgView, posts: PostHoldersView, at: Date): boolean {
  if (isMemberExcluded(guard, memberId)) return true;
  return posts.postsAt(memberId, at).some(({ unitCode }) => isPathExcluded(guard, org.pathOf(unitCode) ?? [unitCode]));
}
