import { isAbove } from '../org/org-view';
import { type CaseEvent, type EscalationReason, type ResolutionOutcome, ResolutionOutcomes } from '@cc/contracts';
import { deskDeadlineOf, withTimers } from '../sla/deadlines';
import type { SlaPolicy } from '../sla/sla-policy';
import { describeDuration } from '../shared/duration';
import { reject, type Rejection } from '../shared/rejection';
import { isActive, type AttachmentRef, type AuditAction, type Case, type CaseGuard, type CaseStatus, type Handler } from './case';
import { isHandlerExcluded, isMemberExcluded, unionGuards } from './case-guard';
import { caseEvent, deskAudience, deskFeeds, deskRef, recipientsFor, type NoticeSpec } from './case-notices';

/** Who acts: a member (an office-bearer through the API), the reporter (through their channel), or the system (timers). */
export type Actor = { kind: 'system' } | { kind: 'member'; memberId: string } | { kind: 'reporter'; senderKey: string };

export const SYSTEM: Actor = { kind: 'system' };

/** A unit the escalation passed over, and why: the audit trail says it, the events do not. */
export interface SkippedUnit {
  readonly unitCode: string;
  readonly why: 'conflict-of-interest' | 'vacant';
}

/**
 * An escalation worked out against one version of the case. Applying it to any other version is
 * refused, so two replicas that computed the same escalation cannot both apply it: the first
 * write moves the version on, the second is stale (and the store's compare-and-set refuses it
 * even if this check were skipped).
 */
export interface EscalationDecision {
  readonly caseId: string;
  readonly fromVersion: number;
  readonly reason: EscalationReason;
  readonly to: Handler;
  /** The guard as refreshed when deciding (the accused may hold new posts since the complaint). */
  readonly guard: CaseGuard;
  readonly skipped: readonly SkippedUnit[];
  readonly note?: string;
}

export type AttachmentInput = Omit<AttachmentRef, 'addedBy' | 'addedAt'>;

export type CaseAction =
  | { type: 'acknowledge'; note?: string }
  | { type: 'assign'; assigneeId: string; note?: string }
  | { type: 'start' }
  | { type: 'resolve'; outcome: ResolutionOutcome; note: string }
  /** The reporter confirms a resolution or withdraws; the system closes when the reopen window has passed. */
  | { type: 'close'; note?: string }
  /** The reporter, within the window; with `appealTo` the case goes one level up (an appeal). */
  | { type: 'reopen'; reason: string; appealTo?: Handler }
  | { type: 'escalate'; decision: EscalationDecision }
  /** The SLA's reminder of the desk's deadline (`timers.remindAt`); once per deadline. */
  | { type: 'remind' }
  | { type: 'comment'; id: string; text: string }
  | { type: 'attach'; attachment: AttachmentInput };

export type CaseActionType = CaseAction['type'];

export type CaseCode =
  | 'CASE.INVALID_TRANSITION'
  | 'CASE.ACTOR_NOT_ALLOWED'
  | 'CASE.NOT_REPORTER'
  | 'CASE.NOT_ASSIGNEE'
  | 'CASE.CONFLICT_OF_INTEREST'
  | 'CASE.REOPEN_WINDOW_CLOSED'
  | 'CASE.REOPEN_WINDOW_OPEN'
  | 'CASE.STALE_DECISION'
  | 'CASE.ESCALATION_NOT_UPWARD'
  | 'CASE.INVALID_INPUT'
  | 'CASE.DUPLICATE_ID';

export type TransitionResult = { ok: true; case: Case; events: CaseEvent[] } | Rejection<CaseCode>;

const ACTIVE: readonly CaseStatus[] = ['open', 'acknowledged', 'assigned', 'in-progress'];
const EVERY: readonly CaseStatus[] = [...ACTIVE, 'resolved', 'closed'];

/**
 * Which statuses each action leaves from, and who may take it. The happy path is
 * open → acknowledged → assigned → in-progress → resolved → closed; an escalation sends the case
 * back to `open` at the next desk, which must acknowledge it in its turn.
 */
export const TRANSITIONS: Readonly<Record<CaseActionType, { from: readonly CaseStatus[]; actors: readonly Actor['kind'][] }>> = {
  acknowledge: { from: ['open'], actors: ['member'] },
  assign: { from: ['acknowledged', 'assigned', 'in-progress'], actors: ['member'] },
  start: { from: ['assigned'], actors: ['member'] },
  resolve: { from: ['acknowledged', 'assigned', 'in-progress'], actors: ['member'] },
  close: { from: [...ACTIVE, 'resolved'], actors: ['reporter', 'system'] },
  reopen: { from: ['resolved', 'closed'], actors: ['reporter'] },
  escalate: { from: ACTIVE, actors: ['system', 'member'] },
  remind: { from: ACTIVE, actors: ['system'] },
  comment: { from: EVERY, actors: ['member', 'reporter', 'system'] },
  attach: { from: EVERY, actors: ['member', 'reporter'] },
};

const MAX_TEXT = 2000;

interface Change {
  next: Case;
  action: AuditAction;
  reason?: string;
  events?: (after: Case) => CaseEvent[];
}

/**
 * The one way a case changes. Pure: the same case, action, actor and instant give the same result.
 * Every change increments the version, appends an audit entry (who, when, what, from, to, why),
 * recomputes the timers, and returns the events to store with it in the same write (the outbox).
 */
export function transition(c: Case, action: CaseAction, actor: Actor, at: Date, policy: SlaPolicy): TransitionResult {
  const rule = TRANSITIONS[action.type];
  if (!rule.actors.includes(actor.kind)) {
    return reject('CASE.ACTOR_NOT_ALLOWED', `${describeActorKind(actor)} cannot ${action.type} a case`);
  }
  if (!rule.from.includes(c.status)) {
    return reject('CASE.INVALID_TRANSITION', `a case that is ${c.status} cannot be ${PAST[action.type]}${HINTS[action.type]?.(c.status) ?? ''}`);
  }
  const who = actorRef(c, actor);
  if (!who.ok) return who;
  if (actor.kind === 'member' && isMemberExcluded(c.guard, actor.memberId)) {
    return reject('CASE.CONFLICT_OF_INTEREST', 'the case names the caller, who may not act on it');
  }
  const change = decide(c, action, actor, who.ref, at, policy);
  if (!change.ok) return change;
  return commit(c, change.change, who.ref, at, policy);
}

function decide(
  c: Case,
  action: CaseAction,
  actor: Actor,
  ref: string,
  at: Date,
  policy: SlaPolicy,
): { ok: true; change: Change } | Rejection<CaseCode> {
  switch (action.type) {
    case 'remind': {
      const desk = deskDeadlineOf(c);
      if (!desk || c.timers.remindAt === undefined) return reject('CASE.INVALID_TRANSITION', 'the case has no deadline to be reminded of');
      return changed({
        next: { ...c, remindedFor: desk.at },
        action: 'remind',
        reason: `${desk.deadline} by ${desk.at.toISOString()}`,
        events: (after) => [caseEvent(after, 'deadline-approaching', ref, recipientsFor(after, deskAudience(after)), { deadline: desk.deadline })],
      });
    }
    case 'acknowledge': {
      const note = checkText(action.note, 'note', false);
      if (!note.ok) return note;
      return changed({
        next: { ...c, status: 'acknowledged', acknowledgedAt: at },
        action: 'acknowledge',
        reason: note.text,
        events: (after) => [caseEvent(after, 'acknowledged', ref, recipientsFor(after, { reporters: true }), {})],
      });
    }
    case 'assign': {
      const note = checkText(action.note, 'note', false);
      if (!note.ok) return note;
      if (!action.assigneeId) return reject('CASE.INVALID_INPUT', 'an assignment needs the member to assign');
      if (isMemberExcluded(c.guard, action.assigneeId)) {
        return reject('CASE.CONFLICT_OF_INTEREST', 'the case names that member, who may not handle it');
      }
      return changed({
        next: { ...c, status: 'assigned', assigneeId: action.assigneeId },
        action: 'assign',
        reason: [`to ${action.assigneeId}`, note.text].filter(Boolean).join(': '),
        events: (after) => [
          caseEvent(after, 'assigned', ref, recipientsFor(after, { memberIds: [action.assigneeId], reporters: true }), { assigneeId: action.assigneeId }),
        ],
      });
    }
    case 'start': {
      if (actor.kind !== 'member' || actor.memberId !== c.assigneeId) {
        return reject('CASE.NOT_ASSIGNEE', 'only the member the case is assigned to starts work on it');
      }
      return changed({ next: { ...c, status: 'in-progress' }, action: 'start' });
    }
    case 'resolve': {
      const note = checkText(action.note, 'resolution note', true);
      if (!note.ok) return note;
      if (!ResolutionOutcomes.includes(action.outcome)) {
        return reject('CASE.INVALID_INPUT', `the outcome is one of ${ResolutionOutcomes.join(', ')}`);
      }
      return changed({
        next: { ...c, status: 'resolved', resolvedAt: at, resolution: { outcome: action.outcome, note: note.text!, by: ref, at } },
        action: 'resolve',
        reason: `${action.outcome}: ${note.text}`,
        events: (after) => [
          caseEvent(after, 'resolved', ref, recipientsFor(after, { ...deskAudience(after), reporters: true }), { outcome: action.outcome }),
        ],
      });
    }
    case 'close':
      return close(c, action, actor, ref, at);
    case 'reopen':
      return reopen(c, action, ref, at, policy);
    case 'escalate':
      return escalate(c, action.decision, ref, at);
    case 'comment': {
      const text = checkText(action.text, 'comment', true);
      if (!text.ok) return text;
      if (!action.id || c.comments.some(({ id }) => id === action.id)) return reject('CASE.DUPLICATE_ID', `comment ${action.id} already exists`);
      return changed({
        next: { ...c, comments: [...c.comments, { id: action.id, at, author: ref, text: text.text! }] },
        action: 'comment',
      });
    }
    case 'attach': {
      const { attachment } = action;
      if (!attachment.providerMediaId && !attachment.url) return reject('CASE.INVALID_INPUT', 'an attachment needs a provider media id or a URL');
      if (attachment.url !== undefined && !/^https:\/\//.test(attachment.url)) return reject('CASE.INVALID_INPUT', 'an attachment URL must be https');
      if (!attachment.id || c.attachments.some(({ id }) => id === attachment.id)) {
        return reject('CASE.DUPLICATE_ID', `attachment ${attachment.id} already exists`);
      }
      return changed({
        next: { ...c, attachments: [...c.attachments, { ...attachment, addedBy: ref, addedAt: at }] },
        action: 'attach',
        reason: `${attachment.type} ${attachment.id}`,
      });
    }
  }
}

function close(c: Case, action: { note?: string }, actor: Actor, ref: string, at: Date): { ok: true; change: Change } | Rejection<CaseCode> {
  const note = checkText(action.note, 'note', false);
  if (!note.ok) return note;
  if (actor.kind === 'system') {
    if (c.status !== 'resolved') return reject('CASE.ACTOR_NOT_ALLOWED', 'the system closes only resolved cases; a person must resolve the others');
    if (!c.timers.closeBy || at.getTime() < c.timers.closeBy.getTime()) {
      return reject('CASE.REOPEN_WINDOW_OPEN', `the reporter may still reopen the case until ${c.timers.closeBy?.toISOString()}`);
    }
  }
  const closedAs = c.status === 'resolved' ? 'resolved' : 'withdrawn';
  const reason = note.text ?? CLOSE_REASONS[actor.kind === 'system' ? 'lapsed' : closedAs];
  return changed({
    next: { ...c, status: 'closed', closedAs, closedAt: at },
    action: 'close',
    reason,
    events: (after) => [caseEvent(after, 'closed', ref, recipientsFor(after, { ...deskAudience(after), reporters: true }), { closedAs })],
  });
}

function reopen(
  c: Case,
  action: { reason: string; appealTo?: Handler },
  ref: string,
  at: Date,
  policy: SlaPolicy,
): { ok: true; change: Change } | Rejection<CaseCode> {
  const reason = checkText(action.reason, 'reason', true);
  if (!reason.ok) return reason;
  if (c.status === 'closed' && c.closedAs !== 'resolved') return reject('CASE.INVALID_TRANSITION', `a case closed as ${c.closedAs} cannot be reopened`);
  const until = c.resolvedAt && new Date(c.resolvedAt.getTime() + policy.reopenWindow);
  if (!until || at.getTime() >= until.getTime()) {
    const deadline = until ? `, until ${until.toISOString()}` : '';
    return reject('CASE.REOPEN_WINDOW_CLOSED', `a case may be reopened within ${describeDuration(policy.reopenWindow)} of its resolution${deadline}`);
  }
  const { appealTo } = action;
  if (appealTo) {
    const upward = checkUpward(c, appealTo, c.guard);
    if (!upward.ok) return upward;
  }
  const previous = deskAudience(c);
  const handler = appealTo ?? c.handler;
  const { closedAs: _closedAs, closedAt: _closedAt, resolvedAt: _resolvedAt, resolution: _resolution, ...unresolved } = c;
  const { assigneeId: _assignee, acknowledgedAt: _ack, ...rest } = unresolved;
  const escalations = appealTo ? [...c.escalations, { at, from: c.handler.desk, to: appealTo.desk, reason: 'appeal' as const }] : c.escalations;
  // Back to the same desk, which knows the case (acknowledged), or to the desk above on appeal, which does not (open).
  const next: Case = appealTo
    ? { ...rest, status: 'open', handler: appealTo, clockStartedAt: at, escalations }
    : { ...rest, status: 'acknowledged', acknowledgedAt: at, handler, clockStartedAt: at, escalations };
  return changed({
    next,
    action: 'reopen',
    reason: `${appealTo ? `appeal to ${appealTo.desk.unitCode}` : 'reopened'}: ${reason.text}`,
    events: (after) => {
      const audience = recipientsFor(after, { ...bothDesks(previous, after), reporters: true });
      const reopened = caseEvent(after, 'reopened', ref, audience, { appeal: appealTo !== undefined });
      if (!appealTo) return [reopened];
      return [reopened, caseEvent(after, 'escalated', ref, audience, { reason: 'appeal', from: deskRef(c.handler.desk), to: deskRef(after.handler.desk) })];
    },
  });
}

/** The timer whose passing moved the case, for the previous desk's "deadline missed" notice. */
function missedDeadline(c: Case, reason: EscalationDecision['reason']): Date | undefined {
  if (reason === 'acknowledge-overdue') return c.timers.acknowledgeBy;
  if (reason === 'resolve-overdue') return c.timers.resolveBy;
  if (reason === 'ceiling') return c.timers.ceilingBy;
  return undefined;
}

function escalate(c: Case, decision: EscalationDecision, ref: string, at: Date): { ok: true; change: Change } | Rejection<CaseCode> {
  if (decision.caseId !== c.id || decision.fromVersion !== c.version) {
    const worked = `the escalation was worked out on version ${decision.fromVersion} of ${decision.caseId}`;
    return reject('CASE.STALE_DECISION', `${worked}; ${c.id} is at version ${c.version}`);
  }
  const guard = unionGuards(c.guard, decision.guard);
  const upward = checkUpward(c, decision.to, guard);
  if (!upward.ok) return upward;
  const note = checkText(decision.note, 'note', false);
  if (!note.ok) return note;
  const previous = deskAudience(c);
  const { assigneeId: _assignee, acknowledgedAt: _ack, ...rest } = c;
  const skipped = decision.skipped.map(({ unitCode, why }) => `${unitCode} skipped (${why})`);
  return changed({
    next: {
      ...rest,
      status: 'open',
      guard,
      handler: decision.to,
      clockStartedAt: at,
      escalations: [...c.escalations, { at, from: c.handler.desk, to: decision.to.desk, reason: decision.reason }],
      feeds: [...new Set([...c.feeds, ...deskFeeds(decision.to.desk)])],
    },
    action: 'escalate',
    reason: [`${decision.reason}: to ${decision.to.desk.unitCode}`, ...skipped, note.text].filter(Boolean).join('; '),
    events: (after) => {
      const notify = recipientsFor(after, { ...bothDesks(previous, after), reporters: true, feeds: after.feeds });
      const missed = missedDeadline(c, decision.reason);
      return [
        caseEvent(after, 'escalated', ref, notify, {
          reason: decision.reason,
          from: deskRef(c.handler.desk),
          to: deskRef(after.handler.desk),
          ...(missed ? { missedDeadline: missed.toISOString() } : {}),
        }),
      ];
    },
  });
}

function checkUpward(c: Case, to: Handler, guard: CaseGuard): { ok: true } | Rejection<CaseCode> {
  if (!isAbove(to.desk.level, c.handler.desk.level) || !to.desk.unitPath.every((code, index) => c.handler.desk.unitPath[index] === code)) {
    return reject('CASE.ESCALATION_NOT_UPWARD', `a case handled at ${c.handler.desk.unitCode} goes up to one of its ancestors, not to ${to.desk.unitCode}`);
  }
  if (isHandlerExcluded(guard, to)) {
    return reject('CASE.CONFLICT_OF_INTEREST', `${to.desk.unitCode} may not handle a case that names one of its office-bearers`);
  }
  return { ok: true };
}

/** The desk a case leaves (with its assignee) and the desk it goes to: both are told. */
function bothDesks(previous: NoticeSpec, after: Case): NoticeSpec {
  return { desks: [...(previous.desks ?? []), after.handler.desk], memberIds: [...(previous.memberIds ?? []), ...after.handler.memberIds] };
}

function commit(c: Case, change: Change, ref: string, at: Date, policy: SlaPolicy): TransitionResult {
  const version = c.version + 1;
  const entry = { at, actor: ref, action: change.action, from: c.status, to: change.next.status, version, ...(change.reason ? { reason: change.reason } : {}) };
  const next = withTimers({ ...change.next, version, audit: [...c.audit, entry] }, policy);
  return { ok: true, case: next, events: change.events?.(next) ?? [] };
}

function changed(change: Change): { ok: true; change: Change } {
  return { ok: true, change };
}

/** The actor as the audit trail names them: a reporter by their pseudonym in this case only. */
export function actorRef(c: Pick<Case, 'reporters'>, actor: Actor): { ok: true; ref: string } | Rejection<'CASE.NOT_REPORTER'> {
  if (actor.kind === 'system') return { ok: true, ref: 'system' };
  if (actor.kind === 'member') return { ok: true, ref: actor.memberId };
  const reporter = c.reporters.find(({ senderKey }) => senderKey === actor.senderKey);
  return reporter ? { ok: true, ref: `reporter:${reporter.pseudonym}` } : reject('CASE.NOT_REPORTER', 'only a reporter of the case may do this');
}

function checkText(text: string | undefined, what: string, required: boolean): { ok: true; text?: string } | Rejection<'CASE.INVALID_INPUT'> {
  const trimmed = text?.trim();
  if (!trimmed) return required ? reject('CASE.INVALID_INPUT', `the ${what} is required`) : { ok: true };
  if (trimmed.length > MAX_TEXT) return reject('CASE.INVALID_INPUT', `the ${what} is longer than ${MAX_TEXT} characters`);
  return { ok: true, text: trimmed };
}

function describeActorKind(actor: Actor): string {
  return actor.kind === 'member' ? 'an office-bearer' : actor.kind === 'reporter' ? 'the reporter' : 'the system';
}

const CLOSE_REASONS = {
  lapsed: 'the reopen window passed',
  resolved: 'the reporter confirmed the resolution',
  withdrawn: 'the reporter withdrew the complaint',
} as const;

const PAST: Record<CaseActionType, string> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  start: 'started',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
  escalate: 'escalated',
  remind: 'reminded',
  comment: 'commented on',
  attach: 'given an attachment',
};

const HINTS: Partial<Record<CaseActionType, (status: CaseStatus) => string>> = {
  assign: (status) => (status === 'open' ? '; acknowledge it first' : ''),
  start: (status) => (status === 'acknowledged' ? '; assign it first' : ''),
  reopen: (status) => (isActive(status) ? '; it is still being handled' : ''),
};
