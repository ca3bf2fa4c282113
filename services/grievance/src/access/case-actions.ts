import type { Case } from '../cases/case';
import type { CaseContext } from '../cases/case-context';
import { transition, type AttachmentInput, type CaseCode, type TransitionResult } from '../cases/case-lifecycle';
import type { ResolutionOutcome } from '@cc/contracts';
import { canAssign, canView, type AssignCode, type VisibilityCode } from '../guard/case-visibility';
import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import { escalate, type EscalationCode } from '../sla/escalation';
import { principalScope, type Principal, type PrincipalCode } from '../shared/principal';
import { reject, type Rejection } from '../shared/rejection';

/** What an office-bearer can do to a case through the API. Reopening and closing belong to the reporter's channel. */
export type OfficeBearerCommand =
  | { type: 'acknowledge'; note?: string }
  | { type: 'assign'; assigneeId: string; note?: string }
  | { type: 'start' }
  | { type: 'resolve'; outcome: ResolutionOutcome; note: string }
  | { type: 'escalate'; note: string }
  | { type: 'comment'; id: string; text: string }
  | { type: 'attach'; attachment: AttachmentInput };

export type CommandType = OfficeBearerCommand['type'] | 'merge';

export type ActionAccessCode = PrincipalCode | VisibilityCode | 'ACCESS.MEMBER_REQUIRED' | 'ACCESS.NOT_AT_DESK';

/**
 * Whether the caller may take this action on this case: anyone who may see it may comment or
 * attach; the desk's holders acknowledge, assign, escalate and merge; the assignee (or the desk)
 * starts and resolves. The desk is the handling unit's post (held at `at`) or HQ role.
 */
export function authorizeCaseAction(
  principal: Principal,
  c: Case,
  action: CommandType,
  org: OrgView,
  posts: PostHoldersView,
  at: Date,
): { ok: true; memberId: string } | Rejection<ActionAccessCode> {
  const visible = canView(principal, c, org, posts, at);
  if (!visible.ok) return visible;
  const { memberId } = principal;
  if (memberId === undefined) return reject('ACCESS.MEMBER_REQUIRED', 'actions on a case are recorded against a member id, and the caller has none');
  if (action === 'comment' || action === 'attach') return { ok: true, memberId };
  if ((action === 'start' || action === 'resolve') && c.assigneeId === memberId) return { ok: true, memberId };
  if (holdsDesk(principal, c, org, posts, at)) return { ok: true, memberId };
  const orAssignee = action === 'start' || action === 'resolve' ? ' or the assignee' : '';
  return reject('ACCESS.NOT_AT_DESK', `only the ${deskName(c)} desk at ${c.handler.desk.unitCode}${orAssignee} may ${action} this case`);
}

export function holdsDesk(principal: Principal, c: Pick<Case, 'handler'>, org: OrgView, posts: PostHoldersView, at: Date): boolean {
  const { desk } = c.handler;
  const scope = principalScope(principal, org);
  if (!scope.ok || scope.unit.code !== desk.unitCode) return false;
  if (desk.kind === 'role') return scope.roles.includes(desk.role);
  return principal.memberId !== undefined && posts.holdersAt(desk.unitCode, desk.post, at).includes(principal.memberId);
}

/**
 * "Act on a case" end to end, still pure: authorise, check the assignee against the guard,
 * apply. The result is stored with compare-and-set on `c.version`.
 */
export function actOnCase(
  principal: Principal,
  c: Case,
  command: OfficeBearerCommand,
  at: Date,
  ctx: CaseContext,
): TransitionResult | Rejection<ActionAccessCode | AssignCode | EscalationCode | CaseCode> {
  const allowed = authorizeCaseAction(principal, c, command.type, ctx.org, ctx.posts, at);
  if (!allowed.ok) return allowed;
  const actor = { kind: 'member', memberId: allowed.memberId } as const;
  switch (command.type) {
    case 'assign': {
      const assignable = canAssign(c, command.assigneeId, ctx.org, ctx.posts, at);
      if (!assignable.ok) return assignable;
      return transition(c, command, actor, at, ctx.policy);
    }
    case 'escalate': {
      const escalated = escalate(c, at, ctx, { memberId: allowed.memberId, note: command.note });
      return escalated.ok ? { ok: true, case: escalated.case, events: escalated.events } : escalated;
    }
    default:
      return transition(c, command, actor, at, ctx.policy);
  }
}

function deskName(c: Pick<Case, 'handler'>): string {
  const { desk } = c.handler;
  return desk.kind === 'role' ? desk.role : desk.post;
}
