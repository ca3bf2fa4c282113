import type { CaseEvent, UnitLevel } from '@cc/contracts';
import { indianDay } from '../activity/unit-day';
import { bucketOf } from './histogram';
import { addTo, difference, type Increments } from './increments';
import { cellId, fieldKey } from './keys';

export const CaseStatuses = ['open', 'acknowledged', 'assigned', 'escalated', 'resolved', 'reopened', 'closed'] as const;
export type CaseStatus = (typeof CaseStatuses)[number];
/** Waiting on the organisation: everything but resolved (waiting on the reporter) and closed. */
export const ACTIVE_STATUSES: ReadonlySet<CaseStatus> = new Set(['open', 'acknowledged', 'assigned', 'escalated', 'reopened']);
export const GOVERNMENT_CATEGORIES = new Set(['bdo-conduct', 'co-conduct']);

/** The time a desk has, as reporting judges overdue (the case events do not carry grievance's deadlines). */
export interface SlaTimes {
  acknowledgeMs: number;
  resolveMs: number;
  severityFactor: Readonly<Record<string, number>>;
}

/** One desk's turn with a case: from when it reached the desk to its acknowledgement, or its escalation away. */
export interface CaseStage {
  deskUnitCode: string;
  deskLevel: UnitLevel;
  startedAt: string;
  ackMs?: number;
  withinSla?: boolean;
  escalatedAway?: boolean;
}

/** Reporting's latest view of one case: enough to count it, time it and tell whether it is overdue. */
export interface CaseState {
  caseId: string;
  reference: string;
  version: number;
  status: CaseStatus;
  category: string;
  severity: string;
  unitPath: string[];
  /** The block a BDO/CO complaint is about (national down to it), for the block scorecards. */
  governmentBlockPath?: string[];
  openedAt: string;
  openedDay: string;
  deskUnitCode: string;
  deskLevel: UnitLevel;
  stages: CaseStage[];
  firstAckMs?: number;
  resolvedMs?: number;
  /** Grievance's deadline for the handling desk (the events' `dueAt`): when present, overdue is past it. */
  dueAt?: string;
  /** Without `dueAt` (events from before it existed): overdue when past either, by reporting's SLA times. */
  ackDueAt?: string;
  resolveDueAt: string;
  updatedAt: string;
}

export interface FoldContext {
  sla: SlaTimes;
  /** National down to a unit, when reporting knows the unit (for BDO/CO complaints placed by government unit). */
  pathOf(code: string): readonly string[] | undefined;
}

const MAX_STAGES = 20;
const ms = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from));
const plus = (at: string, duration: number) => new Date(Date.parse(at) + duration).toISOString();

function factor(sla: SlaTimes, severity: string): number {
  return sla.severityFactor[severity] ?? 1;
}

function blockPathFor(event: Extract<CaseEvent, { type: 'opened' }>, ctx: FoldContext): string[] | undefined {
  if (!GOVERNMENT_CATEGORIES.has(event.category)) return undefined;
  const named = event.governmentUnitCode ? ctx.pathOf(event.governmentUnitCode) : undefined;
  if (named && named.length >= 4) return [...named.slice(0, 4)];
  return event.partyUnitPath.length >= 4 ? event.partyUnitPath.slice(0, 4) : undefined;
}

function fresh(event: CaseEvent, ctx: FoldContext): CaseState {
  const t = event.occurredAt;
  return {
    caseId: event.caseId,
    reference: event.reference,
    version: 0,
    status: 'open',
    category: event.category,
    severity: event.severity,
    unitPath: [...event.partyUnitPath],
    ...(event.type === 'opened' ? { governmentBlockPath: blockPathFor(event, ctx) } : {}),
    openedAt: t,
    openedDay: indianDay(t),
    deskUnitCode: event.desk.unitCode,
    deskLevel: event.desk.level,
    stages: [{ deskUnitCode: event.desk.unitCode, deskLevel: event.desk.level, startedAt: t }],
    ackDueAt: plus(t, ctx.sla.acknowledgeMs * factor(ctx.sla, event.severity)),
    resolveDueAt: plus(t, ctx.sla.resolveMs * factor(ctx.sla, event.severity)),
    updatedAt: t,
  };
}

export type FoldResult = { applied: true; state: CaseState } | { applied: false; reason: 'stale' };

/**
 * Applies one case event to the case's state. An event whose version is not above the state's is
 * stale — a redelivery, a replay, or one overtaken by a later version — and changes nothing, so
 * folding is idempotent and the latest version wins whatever the order. A case first seen through
 * a later event (its `opened` never consumed) starts from that event.
 */
export function foldCaseEvent(state: CaseState | undefined, event: CaseEvent, ctx: FoldContext): FoldResult {
  if (state && event.version <= state.version) return { applied: false, reason: 'stale' };
  const base = state ?? fresh(event, ctx);
  const t = event.occurredAt;
  const stages = base.stages.map((stage) => ({ ...stage }));
  const current = stages[stages.length - 1]!;
  const next: CaseState = {
    ...base,
    stages,
    version: event.version,
    category: event.category,
    severity: event.severity,
    unitPath: [...event.partyUnitPath],
    deskUnitCode: event.desk.unitCode,
    deskLevel: event.desk.level,
    updatedAt: t,
  };
  if (event.dueAt) next.dueAt = event.dueAt;
  else delete next.dueAt;
  const f = factor(ctx.sla, event.severity);
  const acknowledge = () => {
    if (current.ackMs === undefined) {
      current.ackMs = ms(current.startedAt, t);
      current.withinSla = current.ackMs <= ctx.sla.acknowledgeMs * f;
    }
    next.firstAckMs ??= ms(next.openedAt, t);
    delete next.ackDueAt;
  };
  const newStage = () => {
    stages.push({ deskUnitCode: event.desk.unitCode, deskLevel: event.desk.level, startedAt: t });
    if (stages.length > MAX_STAGES) stages.splice(1, 1);
    next.ackDueAt = plus(t, ctx.sla.acknowledgeMs * f);
  };
  switch (event.type) {
    case 'opened':
      next.status = 'open';
      break;
    case 'acknowledged':
      next.status = 'acknowledged';
      acknowledge();
      break;
    case 'assigned':
      next.status = 'assigned';
      acknowledge();
      break;
    case 'escalated':
      current.escalatedAway = true;
      next.status = 'escalated';
      newStage();
      break;
    case 'resolved':
      next.status = 'resolved';
      acknowledge();
      next.resolvedMs = ms(next.openedAt, t);
      break;
    case 'reopened':
      next.status = 'reopened';
      delete next.resolvedMs;
      next.resolveDueAt = plus(t, ctx.sla.resolveMs * f);
      newStage();
      break;
    case 'merged':
    case 'deadline-approaching':
      break;
    case 'closed':
      next.status = 'closed';
      if (event.closedAs !== 'resolved') delete next.resolvedMs;
      delete next.ackDueAt;
      break;
  }
  return { applied: true, state: next };
}

export function isActive(state: Pick<CaseState, 'status'>): boolean {
  return ACTIVE_STATUSES.has(state.status);
}

/** When an active case is (or becomes) overdue, in ms since the epoch: grievance's deadline, else the earlier of reporting's two. */
export function overdueAt(state: Pick<CaseState, 'dueAt' | 'ackDueAt' | 'resolveDueAt'>): number {
  if (state.dueAt) return Date.parse(state.dueAt);
  return Math.min(Date.parse(state.resolveDueAt), state.ackDueAt ? Date.parse(state.ackDueAt) : Infinity);
}

export function isOverdue(state: Pick<CaseState, 'status' | 'dueAt' | 'ackDueAt' | 'resolveDueAt'>, now: Date): boolean {
  return isActive(state) && now.getTime() > overdueAt(state);
}

/**
 * What a case in this state adds to the case cells of the month it was opened. Counters move from
 * one version to the next by `difference(contribution(before), contribution(after))`, so a status
 * change moves the case between buckets instead of counting it again.
 *
 * Case cell fields, on every unit of the case's path:
 * - `d.<DD>.x.<category>.<status>` cases opened that day, by category and current status;
 * - `k.<child>.x.<category>.<status>` the same for the next unit down, over the month;
 * - `a.<bucket>` / `z.<bucket>` time from opening to first acknowledgement / to resolution;
 * - `g.<block>.<category>.s.<status>` and `g.<block>.<category>.z.<bucket>`: BDO/CO complaints per block;
 * - `r.<desk unit>.{n,a,w,e}` and `r.<desk unit>.h.<bucket>`: desks reached, acknowledged,
 *   acknowledged in time, escalated away, time to acknowledge — on the desk's cell and its parent's.
 */
export function caseContribution(state: CaseState | undefined): Increments {
  const into: Increments = new Map();
  if (!state) return into;
  const month = state.openedDay.slice(0, 7);
  const dd = state.openedDay.slice(8, 10);
  const cellOf = (unitCode: string) => cellId('c', unitCode, month);
  state.unitPath.forEach((unitCode, index) => {
    const cell = cellOf(unitCode);
    addTo(into, cell, `d.${dd}.x.${state.category}.${state.status}`);
    const child = state.unitPath[index + 1];
    if (child !== undefined) addTo(into, cell, `k.${fieldKey(child)}.x.${state.category}.${state.status}`);
    if (state.firstAckMs !== undefined) addTo(into, cell, `a.${bucketOf(state.firstAckMs)}`);
    if (state.resolvedMs !== undefined) addTo(into, cell, `z.${bucketOf(state.resolvedMs)}`);
  });
  const block = state.governmentBlockPath?.[3];
  if (block !== undefined) {
    for (const unitCode of state.governmentBlockPath!) {
      const prefix = `g.${fieldKey(block)}.${state.category}`;
      addTo(into, cellOf(unitCode), `${prefix}.s.${state.status}`);
      if (state.resolvedMs !== undefined) addTo(into, cellOf(unitCode), `${prefix}.z.${bucketOf(state.resolvedMs)}`);
    }
  }
  for (const stage of state.stages) {
    const deskIndex = state.unitPath.indexOf(stage.deskUnitCode);
    const cells = deskIndex > 0 ? [stage.deskUnitCode, state.unitPath[deskIndex - 1]!] : [stage.deskUnitCode];
    for (const unitCode of cells) {
      const prefix = `r.${fieldKey(stage.deskUnitCode)}`;
      addTo(into, cellOf(unitCode), `${prefix}.n`);
      if (stage.ackMs !== undefined) {
        addTo(into, cellOf(unitCode), `${prefix}.a`);
        addTo(into, cellOf(unitCode), `${prefix}.h.${bucketOf(stage.ackMs)}`);
      }
      if (stage.withinSla) addTo(into, cellOf(unitCode), `${prefix}.w`);
      if (stage.escalatedAway) addTo(into, cellOf(unitCode), `${prefix}.e`);
    }
  }
  return into;
}

/**
 * What an applied case event adds to the case cells of the Indian day it happened — not of the day
 * the case was opened, which is where {@link caseContribution} counts it: `e.<DD>.<type>` on every
 * unit of the case's path, so that "how many cases were escalated, resolved, closed that day" is a
 * read of that day's cells. Only for an event the fold applied: a duplicate or stale version adds
 * nothing, and a redelivered batch finds its offsets marked like every other increment.
 */
export function caseEventDayIncrements(event: Pick<CaseEvent, 'type' | 'occurredAt' | 'partyUnitPath'>): Increments {
  const into: Increments = new Map();
  const day = indianDay(event.occurredAt);
  for (const unitCode of event.partyUnitPath) addTo(into, cellId('c', unitCode, day.slice(0, 7)), `e.${day.slice(8, 10)}.${event.type}`);
  return into;
}

export function caseDelta(before: CaseState | undefined, after: CaseState): Increments {
  return difference(caseContribution(before), caseContribution(after));
}
