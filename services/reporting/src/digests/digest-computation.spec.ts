import { type CaseEvent, CASE_EVENT_DEFINITIONS, type CaseEventType, FeedDigestEvent } from '@cc/contracts';
import { caseContribution, caseDelta, caseEventDayIncrements, type CaseState, type FoldContext, foldCaseEvent, overdueAt } from '../aggregates/case-fold';
import { bucketOf, bucketUpperMs } from '../aggregates/histogram';
import { applyToObject, type Increments, merge } from '../aggregates/increments';
import { rollupId } from '../aggregates/keys';
import { reportIncrements } from '../aggregates/report-contributions';
import type { ActiveCase, RollupDoc } from '../aggregates/store/aggregates.store';
import { org } from '../org/fixtures';
import { computeDigest, type DigestRequest, type DigestSource } from './digest-computation';

const HOUR = 3_600_000;
const KANKE = ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'];
const ctx: FoldContext = { sla: { acknowledgeMs: 24 * HOUR, resolveMs: 72 * HOUR, severityFactor: { normal: 1, high: 0.5, critical: 0.25 } }, pathOf: () => undefined };

/** The counters as the consumer writes them, spread over two partitions like a real topic. */
class Counters implements DigestSource {
  readonly org = org();
  private readonly docs = new Map<string, RollupDoc>();
  readonly cases = new Map<string, CaseState>();
  readonly pulse = new Map<string, Date>();

  add(partition: number, increments: Increments): void {
    for (const [cell, fields] of increments) {
      const id = rollupId(cell, partition);
      const doc = this.docs.get(id) ?? { _id: id, appliedOffset: 0 };
      applyToObject(doc, fields);
      this.docs.set(id, doc);
    }
  }

  report(partition: number, receivedAt: string, channel: string, category: string, unitPath = KANKE): void {
    this.add(partition, reportIncrements({ unitPath, day: indianDayOf(receivedAt), channel, category }));
    for (const code of unitPath) if ((this.pulse.get(code)?.getTime() ?? 0) < Date.parse(receivedAt)) this.pulse.set(code, new Date(receivedAt));
  }

  caseEvents(partition: number, events: CaseEvent[]): void {
    const counters: Increments = new Map();
    for (const event of events) {
      const before = this.cases.get(event.caseId);
      const folded = foldCaseEvent(before, event, ctx);
      if (!folded.applied) continue;
      merge(counters, caseDelta(before, folded.state));
      merge(counters, caseEventDayIncrements(event));
      this.cases.set(event.caseId, folded.state);
    }
    this.add(partition, counters);
  }

  cell(cellId: string): RollupDoc[] {
    return [0, 1, 2].map((p) => this.docs.get(rollupId(cellId, p))).filter((doc): doc is RollupDoc => doc !== undefined);
  }

  *activeCases(): Iterable<ActiveCase> {
    for (const state of this.cases.values()) if (!['resolved', 'closed'].includes(state.status)) yield { state, overdueAt: overdueAt(state) };
  }

  lastReportAt(code: string): Date | undefined {
    return this.pulse.get(code);
  }
}

const indianDayOf = (instant: string) => new Date(Date.parse(instant) + 5.5 * HOUR).toISOString().slice(0, 10);

function event(caseId: string, type: CaseEventType, version: number, occurredAt: string, extra: Record<string, unknown> = {}): CaseEvent {
  const { dueAt: _dueAt, ...example } = CASE_EVENT_DEFINITIONS[type].example as CaseEvent;
  return { ...example, caseId, severity: 'normal', version, eventId: `${caseId}:${version}:${type}`, occurredAt, partyUnitPath: KANKE, ...extra } as CaseEvent;
}

const request = (overrides: Partial<DigestRequest> = {}): DigestRequest => ({
  state: 'JH',
  day: '2026-11-26',
  recordId: 'fr_digestJH20261126xxxxxxxxxxxxxx',
  computedAt: new Date('2026-11-26T18:40:00.000Z'),
  withEndOfDay: true,
  silentDays: 7,
  ...overrides,
});

describe(computeDigest.name, () => {
  it('counts the state’s Indian day: reports from 00:00 to 24:00 IST, complaints by declared category', () => {
    const sut = new Counters();
    sut.report(0, '2026-11-25T18:29:59.000Z', 'sms', 'none'); // 23:59:59 IST on the 25th: the day before
    sut.report(0, '2026-11-25T18:30:00.000Z', 'sms', 'none'); // 00:00 IST on the 26th
    sut.report(1, '2026-11-26T10:00:00.000Z', 'whatsapp', 'bdo-conduct');
    sut.report(1, '2026-11-26T18:29:00.000Z', 'whatsapp', 'bdo-conduct');
    sut.report(0, '2026-11-26T12:00:00.000Z', 'app', 'co-conduct');
    sut.report(0, '2026-11-26T18:30:00.000Z', 'app', 'co-conduct'); // 00:00 IST on the 27th: the day after
    sut.report(1, '2026-11-26T11:00:00.000Z', 'sms', 'other', ['IN', 'BR']);

    const digest = computeDigest(sut, request());

    expect(digest.reports).toEqual({ total: 4, byChannel: { sms: 1, whatsapp: 2, app: 1 } });
    expect(digest.complaints).toEqual({ total: 3, byCategory: { 'bdo-conduct': 2, 'co-conduct': 1 } });
    expect(digest).toMatchObject({ stateCode: 'JH', day: '2026-11-26', from: '2026-11-25T18:30:00.000Z', to: '2026-11-26T18:30:00.000Z', feed: 'AICC', kind: 'digest' });
    expect(computeDigest(sut, request({ state: 'BR' })).reports.total).toBe(1);
    expect(FeedDigestEvent.schema.safeParse(digest).success).toBe(true);
  });

  it('counts the cases opened that day by category and their status now, and the month’s handling times', () => {
    const sut = new Counters();
    sut.caseEvents(0, [
      event('c1', 'opened', 1, '2026-11-26T04:00:00.000Z', { category: 'bdo-conduct' }),
      event('c1', 'acknowledged', 2, '2026-11-26T06:00:00.000Z', { category: 'bdo-conduct' }),
      event('c1', 'resolved', 3, '2026-11-27T04:00:00.000Z', { category: 'bdo-conduct', outcome: 'actioned' }),
    ]);
    sut.caseEvents(1, [event('c2', 'opened', 1, '2026-11-26T05:00:00.000Z', { category: 'co-conduct' })]);
    sut.caseEvents(1, [event('c3', 'opened', 1, '2026-11-25T05:00:00.000Z', { category: 'co-conduct' })]);

    const digest = computeDigest(sut, request());

    expect(digest.casesOpened).toEqual({ total: 2, byCategory: { 'bdo-conduct': 1, 'co-conduct': 1 }, byStatusNow: { resolved: 1, open: 1 } });
    expect(digest.handlingTimes).toEqual({
      openedInMonth: '2026-11',
      timeToAcknowledge: { count: 1, medianMs: bucketUpperMs(bucketOf(2 * HOUR)), p90Ms: bucketUpperMs(bucketOf(2 * HOUR)) },
      timeToResolve: { count: 1, medianMs: bucketUpperMs(bucketOf(24 * HOUR)), p90Ms: bucketUpperMs(bucketOf(24 * HOUR)) },
    });
    expect(caseContribution(sut.cases.get('c3')).size).toBeGreaterThan(0);
  });

  it('counts what happened to cases that day, whenever they were opened, once per applied event', () => {
    const sut = new Counters();
    const old = [
      event('old', 'opened', 1, '2026-11-20T04:00:00.000Z'),
      event('old', 'escalated', 2, '2026-11-26T04:00:00.000Z'), // 09:30 IST on the 26th
      event('old', 'resolved', 3, '2026-11-26T18:29:00.000Z', { outcome: 'actioned' }), // 23:59 IST on the 26th
    ];
    sut.caseEvents(0, old);
    sut.caseEvents(0, old); // redelivered: stale versions, nothing more
    sut.caseEvents(1, [event('new', 'opened', 1, '2026-11-26T05:00:00.000Z'), event('new', 'closed', 2, '2026-11-26T18:30:00.000Z', { closedAs: 'duplicate' })]); // closed 00:00 IST on the 27th

    expect(computeDigest(sut, request()).caseEvents).toEqual({ total: 3, byType: { escalated: 1, resolved: 1, opened: 1 } });
    expect(computeDigest(sut, request({ day: '2026-11-27' })).caseEvents).toEqual({ total: 1, byType: { closed: 1 } });
    expect(computeDigest(sut, request({ day: '2026-11-20' })).caseEvents).toEqual({ total: 1, byType: { opened: 1 } });
  });

  it('reads active, overdue and silent at the end of the day, leaving out cases opened after it', () => {
    const sut = new Counters();
    sut.caseEvents(0, [event('late', 'opened', 1, '2026-11-24T10:00:00.000Z')]); // unacknowledged for more than a day by the end of the 26th
    sut.caseEvents(0, [event('fresh', 'opened', 1, '2026-11-26T12:00:00.000Z')]);
    sut.caseEvents(0, [event('tomorrow', 'opened', 1, '2026-11-26T18:35:00.000Z')]);
    sut.caseEvents(0, [event('gone', 'opened', 1, '2026-11-26T10:00:00.000Z'), event('gone', 'closed', 2, '2026-11-26T11:00:00.000Z', { closedAs: 'duplicate' })]);
    sut.report(0, '2026-11-26T10:00:00.000Z', 'sms', 'none', [...KANKE, 'KANKE-P1']);

    expect(computeDigest(sut, request()).endOfDay).toEqual({
      at: '2026-11-26T18:30:00.000Z',
      observedAt: '2026-11-26T18:40:00.000Z',
      activeCases: 2,
      overdueCases: 1,
      // Angara and Arki have never reported; Kanke has.
      silentBlocks: 2,
      silentDays: 7,
    });
    expect(computeDigest(sut, request({ withEndOfDay: false })).endOfDay).toBeNull();
  });

  it('gives a quiet state zeros, not nothing', () => {
    const digest = computeDigest(new Counters(), request({ state: 'LA', withEndOfDay: false }));
    expect(digest).toMatchObject({ reports: { total: 0, byChannel: {} }, complaints: { total: 0, byCategory: {} }, casesOpened: { total: 0 }, caseEvents: { total: 0, byType: {} } });
    expect(digest.handlingTimes.timeToAcknowledge).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(FeedDigestEvent.schema.safeParse(digest).success).toBe(true);
  });
});
