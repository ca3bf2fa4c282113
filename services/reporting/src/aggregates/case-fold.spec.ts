import { type CaseEvent, CASE_EVENT_DEFINITIONS, type CaseEventType } from '@cc/contracts';
import { caseContribution, caseDelta, type CaseState, type FoldContext, foldCaseEvent, isOverdue } from './case-fold';
import { bucketOf } from './histogram';
import { applyToObject, type Increments, merge } from './increments';

const HOUR = 3_600_000;
const ctx: FoldContext = {
  sla: { acknowledgeMs: 24 * HOUR, resolveMs: 72 * HOUR, severityFactor: { normal: 1, high: 0.5, critical: 0.25 } },
  pathOf: (code) => (code === 'JH-RAN-ANGARA' ? ['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA'] : undefined),
};
const OPENED_AT = Date.parse('2026-11-26T04:00:00.000Z');

function event(type: CaseEventType, version: number, hoursAfter: number, extra: Record<string, unknown> = {}): CaseEvent {
  const { dueAt: _dueAt, ...example } = CASE_EVENT_DEFINITIONS[type].example as CaseEvent;
  return { ...example, severity: 'normal', version, eventId: `${example.caseId}:${version}:${type}`, occurredAt: new Date(OPENED_AT + hoursAfter * HOUR).toISOString(), ...extra } as CaseEvent;
}

/** Folds events as the consumer does and sums the deltas into counters: what the store would hold. */
function run(events: CaseEvent[]): { state: CaseState | undefined; counters: Increments } {
  let state: CaseState | undefined;
  const counters: Increments = new Map();
  for (const e of events) {
    const folded = foldCaseEvent(state, e, ctx);
    if (!folded.applied) continue;
    merge(counters, caseDelta(state, folded.state));
    state = folded.state;
  }
  return { state, counters };
}

const LIFE = [
  event('opened', 1, 0),
  event('acknowledged', 2, 5),
  event('assigned', 3, 6),
  event('resolved', 4, 30, { outcome: 'actioned' }),
  event('closed', 5, 200, { closedAs: 'resolved' }),
];

describe(foldCaseEvent.name, () => {
  it('ends with the counters of the final state alone, whatever states it passed through', () => {
    const sut = run(LIFE);

    expect(sut.state).toMatchObject({ version: 5, status: 'closed', firstAckMs: 5 * HOUR, resolvedMs: 30 * HOUR });
    expect(sut.counters).toEqual(caseContribution(sut.state));
    const district: Record<string, unknown> = {};
    applyToObject(district, sut.counters.get('c|JH-RAN|2026-11')!);
    expect(district).toMatchObject({
      d: { '26': { x: { 'bdo-conduct': { closed: 1 } } } },
      k: { 'JH-RAN-KANKE': { x: { 'bdo-conduct': { closed: 1 } } } },
      a: { [bucketOf(5 * HOUR)]: 1 },
      z: { [bucketOf(30 * HOUR)]: 1 },
    });
  });

  it('changes nothing for a redelivered event', () => {
    const once = run(LIFE);
    const twice = run(LIFE.flatMap((e) => [e, e]));

    expect(twice).toEqual(once);
  });

  it('keeps the latest version when an older event arrives after a newer one', () => {
    const sut = run([LIFE[0]!, LIFE[3]!, LIFE[1]!, LIFE[2]!]);

    expect(sut.state).toMatchObject({ version: 4, status: 'resolved' });
    expect(foldCaseEvent(sut.state, LIFE[1]!, ctx)).toEqual({ applied: false, reason: 'stale' });
    expect(sut.counters).toEqual(caseContribution(sut.state));
  });

  it('moves a case between statuses instead of counting it twice', () => {
    const { counters } = run(LIFE.slice(0, 2));
    const cell = counters.get('c|IN|2026-11')!;

    expect(cell.get('d.26.x.bdo-conduct.acknowledged')).toBe(1);
    expect(cell.has('d.26.x.bdo-conduct.open')).toBe(false);
  });

  it('takes a resolution back when the case is reopened', () => {
    const { state, counters } = run([...LIFE.slice(0, 4), event('reopened', 5, 40, { appeal: false })]);

    expect(state).toMatchObject({ status: 'reopened' });
    expect(state!.resolvedMs).toBeUndefined();
    expect([...counters.get('c|IN|2026-11')!.keys()].some((path) => path.startsWith('z.'))).toBe(false);
  });

  it('counts desks: reached, acknowledged in time, escalated away', () => {
    const desk = { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' } as const;
    const from = { kind: 'post', unitCode: 'JH-RAN', level: 'district', post: 'grievance-convenor' } as const;
    const { state, counters } = run([event('opened', 1, 0), event('escalated', 2, 30, { desk, from, to: desk, reason: 'acknowledge-overdue' }), event('acknowledged', 3, 31, { desk })]);

    expect(state!.stages).toEqual([
      expect.objectContaining({ deskUnitCode: 'JH-RAN', escalatedAway: true }),
      expect.objectContaining({ deskUnitCode: 'JH', ackMs: HOUR, withinSla: true }),
    ]);
    const district = counters.get('c|JH-RAN|2026-11')!;
    expect(district.get('r.JH-RAN.n')).toBe(1);
    expect(district.get('r.JH-RAN.e')).toBe(1);
    expect(district.has('r.JH-RAN.a')).toBe(false);
    expect(counters.get('c|JH|2026-11')!.get('r.JH.w')).toBe(1);
  });

  it('scores a BDO complaint against the block named as the government unit', () => {
    const { counters } = run([event('opened', 1, 0, { governmentUnitCode: 'JH-RAN-ANGARA' })]);

    expect(counters.get('c|JH-RAN|2026-11')!.get('g.JH-RAN-ANGARA.bdo-conduct.s.open')).toBe(1);
    expect(counters.get('c|JH-RAN-ANGARA|2026-11')!.get('g.JH-RAN-ANGARA.bdo-conduct.s.open')).toBe(1);
  });

  it('starts from a later event when the opening was never seen', () => {
    const { state } = run([LIFE[1]!]);

    expect(state).toMatchObject({ version: 2, status: 'acknowledged', openedAt: LIFE[1]!.occurredAt });
  });
});

describe(isOverdue.name, () => {
  const opened = run([event('opened', 1, 0)]).state!;
  const at = (hours: number) => new Date(OPENED_AT + hours * HOUR);

  it('is overdue once acknowledgement or resolution is late, and never once resolved', () => {
    expect(isOverdue(opened, at(23))).toBe(false);
    expect(isOverdue(opened, at(25))).toBe(true);
    const acknowledged = run(LIFE.slice(0, 2)).state!;
    expect(isOverdue(acknowledged, at(25))).toBe(false);
    expect(isOverdue(acknowledged, at(73))).toBe(true);
    expect(isOverdue(run(LIFE.slice(0, 4)).state!, at(500))).toBe(false);
  });

  it('takes grievance’s deadline when the events carry one, until the case is resolved', () => {
    const withDeadline = run([event('opened', 1, 0, { dueAt: at(2).toISOString() })]).state!;

    expect(isOverdue(withDeadline, at(1))).toBe(false);
    expect(isOverdue(withDeadline, at(3))).toBe(true);
    const resolved = run([event('opened', 1, 0, { dueAt: at(2).toISOString() }), event('resolved', 2, 1, { outcome: 'actioned' })]).state!;
    expect(resolved.dueAt).toBeUndefined();
    expect(isOverdue(resolved, at(3))).toBe(false);
  });

  it('gives a high-severity case half the time', () => {
    const high = run([{ ...event('opened', 1, 0), severity: 'high' } as CaseEvent]).state!;

    expect(isOverdue(high, at(13))).toBe(true);
  });
});
