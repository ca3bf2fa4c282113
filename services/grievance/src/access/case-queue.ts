import type { PostKind, DeskRole } from '@cc/contracts';
import { isActive, type Case } from '../cases/case';
import { ROLE_DESK_LEVELS } from '../guard/desks';
import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import { principalScope, type Principal, type PrincipalCode } from '../shared/principal';
import { reject, type Rejection } from '../shared/rejection';
import { isVisibleTo, viewerOf, type Viewer } from './viewer';

export type DeskKey = { readonly unitCode: string; readonly post: PostKind } | { readonly unitCode: string; readonly role: DeskRole };

/** An office-bearer's queue: the desks they sit at in the unit they act for, and cases assigned to them. */
export interface QueueScope {
  readonly viewer: Viewer;
  readonly desks: readonly DeskKey[];
}

export type QueueCode = PrincipalCode | 'ACCESS.NO_DESK';

/**
 * The desks behind "my queue": the posts the caller holds at `at` in the unit they act for, and
 * the HQ role desk of that unit if they hold its role. The repository selects by these desks (an
 * index on `handler.desk`) and by assignee, and filters with {@link inQueue}.
 */
export function queueScopeFor(principal: Principal, org: OrgView, posts: PostHoldersView, at: Date): { ok: true; scope: QueueScope } | Rejection<QueueCode> {
  const scope = principalScope(principal, org);
  if (!scope.ok) return scope;
  const unitCode = scope.unit.code;
  const postDesks: DeskKey[] = principal.memberId === undefined ? [] : posts.postsAt(principal.memberId, at).filter((post) => post.unitCode === unitCode);
  const roleDesks: DeskKey[] = (['state-hq', 'aicc-admin'] as const)
    .filter((role) => scope.roles.includes(role) && ROLE_DESK_LEVELS[role] === scope.unit.level)
    .map((role) => ({ unitCode, role }));
  const desks = [...postDesks, ...roleDesks];
  if (desks.length === 0) return reject('ACCESS.NO_DESK', `the caller holds no post or HQ role at ${unitCode} at ${at.toISOString()}`);
  return { ok: true, scope: { viewer: viewerOf(unitCode, principal.memberId, org, posts, at), desks } };
}

/** Whether a case belongs in the queue: active, at one of the caller's desks or assigned to them, and not guarded against them. */
export function inQueue(scope: QueueScope, c: Case): boolean {
  if (!isActive(c.status) || !isVisibleTo(scope.viewer, c)) return false;
  if (scope.viewer.memberId !== undefined && c.assigneeId === scope.viewer.memberId) return true;
  const { desk } = c.handler;
  return scope.desks.some((key) => {
    if (key.unitCode !== desk.unitCode) return false;
    return 'post' in key ? desk.kind === 'post' && desk.post === key.post : desk.kind === 'role' && desk.role === key.role;
  });
}

/** The queue, most urgent first: earliest deadline, then highest severity. */
export function queueOf(scope: QueueScope, cases: readonly Case[]): Case[] {
  const rank = { critical: 0, high: 1, normal: 2 } as const;
  const due = (c: Case) => c.dueAt?.getTime() ?? Infinity;
  return cases.filter((c) => inQueue(scope, c)).sort((a, b) => due(a) - due(b) || rank[a.severity] - rank[b.severity]);
}
