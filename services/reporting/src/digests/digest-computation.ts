import { AICC_FEED, type FeedDigest, type FeedStateCode } from '@cc/contracts';
import { type Histogram, mergeHistograms, summarise } from '../aggregates/histogram';
import { cellId } from '../aggregates/keys';
import type { ActiveCase, RollupDoc } from '../aggregates/store/aggregates.store';
import type { OrgModel } from '../org/org-model';
import { silentUnits } from '../org/silent-units';
import { indianDayBounds } from './digest-day';

type Counts = Record<string, number>;
type Nested = Record<string, unknown>;

/** What a digest reads: the aggregates' public reads (AggregatesStore satisfies it). */
export interface DigestSource {
  readonly org: OrgModel;
  cell(cellId: string): RollupDoc[];
  activeCases(): Iterable<ActiveCase>;
  lastReportAt(code: string): Date | undefined;
}

export interface DigestRequest {
  state: FeedStateCode;
  day: string;
  recordId: string;
  computedAt: Date;
  /** Read the present (active, overdue, silent) as the end of the day: only soon after the day ended. */
  withEndOfDay: boolean;
  silentDays: number;
}

const add = (target: Counts, source: unknown): Counts => {
  for (const [key, n] of Object.entries((source ?? {}) as Counts)) if (typeof n === 'number' && n !== 0) target[key] = (target[key] ?? 0) + n;
  return target;
};
const total = (counts: Counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/**
 * One state's day from the aggregates' counters: the state's report and case cells of the day's
 * month, summed over the partitions that wrote them. Exact to the day for reports, complaints,
 * cases opened and case events (counted by Indian day); handling times are per month of opening,
 * so the month's.
 */
export function computeDigest(source: DigestSource, request: DigestRequest): FeedDigest {
  const { state, day } = request;
  const month = day.slice(0, 7);
  const dd = day.slice(8, 10);
  const byChannel: Counts = {};
  const byDeclared: Counts = {};
  let reports = 0;
  for (const doc of source.cell(cellId('r', state, month))) {
    const entry = ((doc.d ?? {}) as Record<string, Nested>)[dd];
    if (!entry) continue;
    reports += (entry.n as number | undefined) ?? 0;
    add(byChannel, entry.ch);
    add(byDeclared, entry.cat);
  }
  const { none: _none, ...complaints } = byDeclared;

  const byCategory: Counts = {};
  const byStatusNow: Counts = {};
  const byType: Counts = {};
  const ack: Histogram = {};
  const resolve: Histogram = {};
  for (const doc of source.cell(cellId('c', state, month))) {
    const entry = ((doc.d ?? {}) as Record<string, Nested>)[dd];
    for (const [category, statuses] of Object.entries((entry?.x ?? {}) as Record<string, Counts>)) {
      const n = total(add({}, statuses));
      if (n !== 0) byCategory[category] = (byCategory[category] ?? 0) + n;
      add(byStatusNow, statuses);
    }
    add(byType, ((doc.e ?? {}) as Record<string, Counts>)[dd]);
    mergeHistograms(ack, doc.a as Histogram | undefined);
    mergeHistograms(resolve, doc.z as Histogram | undefined);
  }

  const { from, to } = indianDayBounds(day);
  return {
    recordId: request.recordId,
    feed: AICC_FEED,
    kind: 'digest',
    period: 'day',
    stateCode: state,
    day,
    timeZone: 'Asia/Kolkata',
    from: from.toISOString(),
    to: to.toISOString(),
    computedAt: request.computedAt.toISOString(),
    reports: { total: reports, byChannel },
    complaints: { total: total(complaints), byCategory: complaints },
    casesOpened: { total: total(byCategory), byCategory, byStatusNow },
    caseEvents: { total: total(byType), byType },
    handlingTimes: { openedInMonth: month, timeToAcknowledge: summarise(ack), timeToResolve: summarise(resolve) },
    endOfDay: request.withEndOfDay ? endOfDay(source, state, to, request) : null,
  };
}

/**
 * The state's active and overdue cases and silent blocks at the end of the day, read from the
 * present: a case opened since midnight is left out; one closed since midnight is missed, which
 * is why this is only read soon after the day ended.
 */
function endOfDay(source: DigestSource, state: string, end: Date, request: DigestRequest): NonNullable<FeedDigest['endOfDay']> {
  const at = end.getTime();
  let activeCases = 0;
  let overdueCases = 0;
  for (const { state: kase, overdueAt } of source.activeCases()) {
    if (kase.unitPath[1] !== state || Date.parse(kase.openedAt) >= at) continue;
    activeCases++;
    if (at > overdueAt) overdueCases++;
  }
  const silentBlocks = silentUnits(source.org, (code) => source.lastReportAt(code), state, request.silentDays, end, ['block']).length;
  return { at: end.toISOString(), observedAt: request.computedAt.toISOString(), activeCases, overdueCases, silentBlocks, silentDays: request.silentDays };
}
