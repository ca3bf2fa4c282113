import { isAbove } from '../org/org-view';
import { after } from '../shared/duration';
import { isActive, type Case, type CaseTimers } from '../cases/case';
import { targetFor, type SlaPolicy } from './sla-policy';

type Clocked = Pick<Case, 'status' | 'category' | 'severity' | 'handler' | 'openedAt' | 'clockStartedAt' | 'resolvedAt'> & Partial<Pick<Case, 'remindedFor'>>;

/**
 * The instants by which the current desk must act. They start when the desk got the case
 * (opening, escalation) or when the reporter reopened it; the ceiling counts from the opening and
 * never restarts. A resolved case has one timer: the end of the reopen window.
 */
export function deadlinesFor(c: Clocked, policy: SlaPolicy): CaseTimers {
  if (c.status === 'resolved' && c.resolvedAt) return { closeBy: after(c.resolvedAt, policy.reopenWindow) };
  if (!isActive(c.status)) return {};
  const { level } = c.handler.desk;
  const target = targetFor(policy, c.category, level);
  if (!target) throw new Error(`SLA policy v${policy.version} has no target for ${c.category} at ${level} level`);
  const factor = policy.severityFactor[c.severity];
  const ceilingApplies = isAbove(policy.ceiling.level, level);
  const acknowledgeBy = c.status === 'open' ? after(c.clockStartedAt, Math.round(target.acknowledgeWithin * factor)) : undefined;
  const resolveBy = after(c.clockStartedAt, Math.round(target.resolveWithin * factor));
  const deskDeadline = acknowledgeBy ?? resolveBy;
  const remind = policy.reminderAt !== undefined && c.remindedFor?.getTime() !== deskDeadline.getTime();
  return {
    ...(acknowledgeBy ? { acknowledgeBy } : {}),
    resolveBy,
    ...(ceilingApplies ? { ceilingBy: after(c.openedAt, policy.ceiling.within) } : {}),
    ...(remind ? { remindAt: after(c.clockStartedAt, Math.round((deskDeadline.getTime() - c.clockStartedAt.getTime()) * policy.reminderAt!)) } : {}),
  };
}

/** The deadline the desk works to now: to acknowledge an open case, else to resolve it. */
export function deskDeadlineOf(c: Pick<Case, 'status' | 'timers'>): { deadline: 'acknowledge' | 'resolve'; at: Date } | undefined {
  if (!isActive(c.status)) return undefined;
  if (c.status === 'open' && c.timers.acknowledgeBy) return { deadline: 'acknowledge', at: c.timers.acknowledgeBy };
  return c.timers.resolveBy ? { deadline: 'resolve', at: c.timers.resolveBy } : undefined;
}

/**
 * A reminder's time has come. The sweeper escalates first when the deadline itself has passed
 * (the escalation restarts the clock and with it the reminder); at AICC, where nothing escalates,
 * a reminder that comes late is still sent, once.
 */
export function reminderDue(c: Pick<Case, 'status' | 'timers'>, now: Date): boolean {
  const { remindAt } = c.timers;
  return isActive(c.status) && remindAt !== undefined && remindAt.getTime() <= now.getTime();
}

/**
 * The first timer that calls for an action, which the store indexes for the sweeper. The
 * national desk's own deadlines call for none (there is no level above AICC); they still show
 * the case as overdue.
 */
export function nextDueAt(c: Pick<Case, 'status' | 'timers' | 'handler'>): Date | undefined {
  const { acknowledgeBy, resolveBy, ceilingBy, closeBy, remindAt } = c.timers;
  const escalable = c.handler.desk.level !== 'national';
  const candidates = [escalable ? acknowledgeBy : undefined, escalable ? resolveBy : undefined, ceilingBy, closeBy, remindAt];
  const times = candidates.filter((each): each is Date => each !== undefined).map((each) => each.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}

/** Past its acknowledgement or resolution deadline at `now`: what the war room shows in red. */
export function isOverdue(c: Pick<Case, 'status' | 'timers'>, now: Date): boolean {
  if (!isActive(c.status)) return false;
  const { acknowledgeBy, resolveBy } = c.timers;
  return [acknowledgeBy, resolveBy].some((deadline) => deadline !== undefined && deadline.getTime() <= now.getTime());
}

/** The case with its timers recomputed: every change goes through this before it is stored. */
export function withTimers(c: Case, policy: SlaPolicy): Case {
  const timers = deadlinesFor(c, policy);
  const withNew = { ...c, timers };
  const dueAt = nextDueAt(withNew);
  const { dueAt: _previous, ...rest } = withNew;
  return dueAt ? { ...rest, dueAt } : rest;
}
