import type { Case } from '../cases/case';
import { isPathExcluded } from '../cases/case-guard';
import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import { principalScope, type Principal, type PrincipalCode } from '../shared/principal';
import { reject, type Rejection } from '../shared/rejection';
import { isMemberConflicted } from './member-conflict';

/** One code for every reason a case is hidden: telling the accused "it names you" would tell them it exists. */
export type VisibilityCode = 'GUARD.NOT_VISIBLE';

/**
 * Who may see a case: a principal whose unit is the handling desk's unit or above it (a case is
 * seen where it is handled and by the HQs over it, never below), who is not named by it, does not
 * act for an excluded unit, and holds no post inside one.
 */
export function canView(
  principal: Principal,
  c: Pick<Case, 'guard' | 'handler'>,
  org: OrgView,
  posts: PostHoldersView,
  at: Date,
): { ok: true } | Rejection<VisibilityCode | PrincipalCode> {
  const scope = principalScope(principal, org);
  if (!scope.ok) return scope;
  const hidden = reject('GUARD.NOT_VISIBLE', 'the case is not visible to the caller');
  if (isPathExcluded(c.guard, scope.unit.path)) return hidden;
  if (principal.memberId !== undefined && isMemberConflicted(c.guard, principal.memberId, org, posts, at)) return hidden;
  if (!c.handler.desk.unitPath.includes(scope.unit.code)) return hidden;
  return { ok: true };
}

export type AssignCode = 'GUARD.ASSIGNEE_CONFLICTED' | 'GUARD.ASSIGNEE_INACTIVE' | 'GUARD.ASSIGNEE_NOT_AT_DESK';

/**
 * Whom a desk may hand a case to: an active, unconflicted member of the handling unit's committee
 * (any post, so a convenor can pass it to a colleague). A role desk's staff are vouched for by
 * authentication, not by the members topic, so there only the guard and activity are checked.
 */
export function canAssign(
  c: Pick<Case, 'guard' | 'handler'>,
  memberId: string,
  org: OrgView,
  posts: PostHoldersView,
  at: Date,
): { ok: true } | Rejection<AssignCode> {
  if (isMemberConflicted(c.guard, memberId, org, posts, at)) {
    return reject('GUARD.ASSIGNEE_CONFLICTED', 'the case names that member or someone they answer to; assign someone else');
  }
  if (!posts.isActive(memberId)) return reject('GUARD.ASSIGNEE_INACTIVE', `${memberId} is not an active member`);
  const { desk } = c.handler;
  if (desk.kind === 'post' && !posts.postsAt(memberId, at).some(({ unitCode }) => unitCode === desk.unitCode)) {
    return reject('GUARD.ASSIGNEE_NOT_AT_DESK', `${memberId} holds no post at ${desk.unitCode}, which handles the case`);
  }
  return { ok: true };
}
