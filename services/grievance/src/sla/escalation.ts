import { isActive, type Case, type Handler } from '../cases/case';
import { SYSTEM, transition, type Actor, type CaseCode, type EscalationDecision, type TransitionResult } from '../cases/case-lifecycle';
import type { CaseEvent } from '@cc/contracts';
import { escalationTarget, type EscalationTargetCode } from '../guard/escalation-target';
import { currentGuard } from '../guard/exclusions';
import type { CaseContext } from '../cases/case-context';
import { reject, type Rejection } from '../shared/rejection';

export type DueReason = 'acknowledge-overdue' | 'resolve-overdue' | 'ceiling';

export interface DueEscalation {
  readonly caseId: string;
  /** The version the decision will be worked out on; see {@link EscalationDecision}. */
  readonly version: number;
  readonly reason: DueReason;
  readonly dueAt: Date;
}

/**
 * Whether a case's clock calls for an escalation at `now`, and why. The ceiling comes first: a
 * case about to break it goes straight to the state HQ rather than one level up.
 */
export function dueEscalation(c: Case, now: Date): DueEscalation | undefined {
  if (!isActive(c.status)) return undefined;
  const { acknowledgeBy, resolveBy, ceilingBy } = c.timers;
  const passed = (deadline: Date | undefined): deadline is Date => deadline !== undefined && deadline.getTime() <= now.getTime();
  const due = (reason: DueReason, dueAt: Date) => ({ caseId: c.id, version: c.version, reason, dueAt });
  if (c.handler.desk.level === 'national') return undefined;
  if (passed(ceilingBy)) return due('ceiling', ceilingBy);
  if (c.status === 'open' && passed(acknowledgeBy)) return due('acknowledge-overdue', acknowledgeBy);
  if (passed(resolveBy)) return due('resolve-overdue', resolveBy);
  return undefined;
}

/** Every case among `cases` due for escalation at `now`, the longest overdue first. */
export function dueEscalations(cases: readonly Case[], now: Date): DueEscalation[] {
  return cases.flatMap((c) => dueEscalation(c, now) ?? []).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Resolved cases whose reopen window has passed: the system closes them. */
export function dueClosures(cases: readonly Case[], now: Date): { caseId: string; version: number; dueAt: Date }[] {
  return cases
    .filter((c) => c.status === 'resolved' && c.timers.closeBy !== undefined && c.timers.closeBy.getTime() <= now.getTime())
    .map((c) => ({ caseId: c.id, version: c.version, dueAt: c.timers.closeBy! }));
}

export type EscalationCode = 'ESCALATION.NOT_DUE' | EscalationTargetCode;

/** An office-bearer sending a case up by hand: their desk cannot act on it. */
export interface ManualEscalation {
  readonly memberId: string;
  readonly note: string;
}

/**
 * The escalation due at `now`, worked out against this version of the case: the next desk up,
 * past excluded and vacant units, with the guard refreshed (the accused may hold new posts).
 */
export function decideEscalation(
  c: Case,
  now: Date,
  ctx: CaseContext,
  manual?: ManualEscalation,
): { ok: true; decision: EscalationDecision } | Rejection<EscalationCode> {
  const reason = manual ? 'manual' : dueEscalation(c, now)?.reason;
  if (!reason) return reject('ESCALATION.NOT_DUE', `${c.reference} is not due for escalation at ${now.toISOString()}`);
  const guard = currentGuard(c, ctx.posts, now);
  const target = escalationTarget({ guard }, c.handler.desk.unitCode, { org: ctx.org, posts: ctx.posts, at: now, preferences: ctx.ruleSet.escalation }, {
    ...(reason === 'ceiling' ? { atLeast: ctx.policy.ceiling.level } : {}),
  });
  if (!target.ok) return target;
  const to: Handler = { ...target.choice, since: now, via: 'escalation' };
  return {
    ok: true,
    decision: { caseId: c.id, fromVersion: c.version, reason, to, guard, skipped: target.skipped, ...(manual ? { note: manual.note } : {}) },
  };
}

export type EscalateResult = { ok: true; case: Case; events: CaseEvent[]; decision: EscalationDecision } | Rejection<EscalationCode | CaseCode>;

/**
 * One level up (or to the ceiling's level), everyone concerned told: the new desk, the previous
 * desk and assignee, the reporters, and the state feed once the case reaches the state HQ.
 */
export function escalate(c: Case, now: Date, ctx: CaseContext, manual?: ManualEscalation): EscalateResult {
  const decided = decideEscalation(c, now, ctx, manual);
  if (!decided.ok) return decided;
  const actor: Actor = manual ? { kind: 'member', memberId: manual.memberId } : SYSTEM;
  const applied = transition(c, { type: 'escalate', decision: decided.decision }, actor, now, ctx.policy);
  return applied.ok ? { ...applied, decision: decided.decision } : applied;
}

/**
 * The reporter, unhappy with a resolution, takes the case to the desk above within the reopen
 * window. At AICC there is no desk above, and the appeal reopens the case where it is.
 */
export function appeal(c: Case, senderKey: string, reason: string, now: Date, ctx: CaseContext): TransitionResult | Rejection<EscalationTargetCode> {
  const reporter: Actor = { kind: 'reporter', senderKey };
  if (c.handler.desk.level === 'national') return transition(c, { type: 'reopen', reason }, reporter, now, ctx.policy);
  const guard = currentGuard(c, ctx.posts, now);
  const target = escalationTarget({ guard }, c.handler.desk.unitCode, { org: ctx.org, posts: ctx.posts, at: now, preferences: ctx.ruleSet.escalation });
  if (!target.ok) return target;
  return transition({ ...c, guard }, { type: 'reopen', reason, appealTo: { ...target.choice, since: now, via: 'appeal' } }, reporter, now, ctx.policy);
}
