import type { Case } from '../cases/case';
import { transition, type Actor } from '../cases/case-lifecycle';
import { caseEventSchema } from '@cc/contracts';
import { M, member, postHoldersWith } from '../org/fixtures/org.fixtures';
import { context, FROM_KANKE, ok, opened, OTHER_REPORTER_KEY, rationCaseAtKanke, T0 } from '../opening/fixtures/case.fixtures';
import { days, hours } from '../shared/duration';
import { appeal, decideEscalation, dueClosures, dueEscalations, escalate } from './escalation';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';

const at = (ms: number) => new Date(T0.getTime() + ms);
const ctx = context();
const kankeConvenor: Actor = { kind: 'member', memberId: M.kankeConvenor };

function acknowledgedAndAssigned(c: Case = rationCaseAtKanke(), policy: SlaPolicy = ctx.policy): Case {
  const acknowledged = ok(transition(c, { type: 'acknowledge' }, kankeConvenor, at(hours(1)), policy)).case;
  return ok(transition(acknowledged, { type: 'assign', assigneeId: M.kankeSecretary }, kankeConvenor, at(hours(2)), policy)).case;
}

/** Targets long enough that only the ceiling can move a case. */
const SLOW: SlaPolicy = { ...DEFAULT_SLA_POLICY, targets: [{ category: '*', level: '*', acknowledgeWithin: days(1), resolveWithin: days(60) }] };

describe(dueEscalations.name, () => {
  const sut = dueEscalations;

  it('finds what is due and why, the longest overdue first', () => {
    const unacknowledged = rationCaseAtKanke();
    const unresolved = acknowledgedAndAssigned();
    const early = rationCaseAtKanke(ctx, at(-days(1)));

    expect(sut([unacknowledged, unresolved, early], at(days(1)))).toEqual([
      { caseId: early.id, version: 1, reason: 'acknowledge-overdue', dueAt: at(0) },
      { caseId: unacknowledged.id, version: 1, reason: 'acknowledge-overdue', dueAt: at(days(1)) },
    ]);
    expect(sut([unresolved], at(days(3)))).toEqual([{ caseId: unresolved.id, version: 3, reason: 'resolve-overdue', dueAt: at(days(3)) }]);
    expect(sut([unacknowledged], at(days(1) - 1))).toEqual([]);
  });

  it('puts the ceiling before any other reason', () => {
    const c = { ...rationCaseAtKanke(), timers: { acknowledgeBy: at(days(1)), resolveBy: at(days(3)), ceilingBy: at(days(2)) } };

    expect(sut([c], at(days(3)))).toEqual([expect.objectContaining({ reason: 'ceiling', dueAt: at(days(2)) })]);
  });

  it('ignores closed cases and AICC’s own deadlines', () => {
    const c = rationCaseAtKanke();
    const atAicc = { ...c, handler: { ...c.handler, desk: { kind: 'role' as const, role: 'aicc-admin' as const, unitCode: 'IN', level: 'national' as const, unitPath: ['IN'] } } };

    expect(sut([{ ...c, status: 'closed' }, atAicc], at(days(30)))).toEqual([]);
  });
});

describe(dueClosures.name, () => {
  it('finds resolved cases whose reopen window has passed', () => {
    const c = rationCaseAtKanke();
    const resolved = { ...c, status: 'resolved' as const, timers: { closeBy: at(days(7)) } };

    expect(dueClosures([resolved, c], at(days(7)))).toEqual([{ caseId: c.id, version: 1, dueAt: at(days(7)) }]);
    expect(dueClosures([resolved], at(days(7) - 1))).toEqual([]);
  });
});

describe(escalate.name, () => {
  const sut = escalate;

  it('moves an unacknowledged block case to the district and tells the new desk, the old desk and the reporter', () => {
    const before = rationCaseAtKanke();
    const result = ok(sut(before, at(days(1)), ctx));

    expect(result.case).toMatchObject({ status: 'open', version: 2, handler: { desk: { post: 'grievance-convenor', unitCode: 'JH-RAN' }, memberIds: [M.ranchiConvenor], via: 'escalation' } });
    // The new desk's deadline, and the one the block missed, for the office-bearers' notices.
    expect(result.events[0]).toMatchObject({ dueAt: result.case.timers.acknowledgeBy!.toISOString(), missedDeadline: before.timers.acknowledgeBy!.toISOString() });
    expect(result.case.timers.acknowledgeBy!.getTime()).toBeGreaterThan(before.timers.acknowledgeBy!.getTime());
    expect(result.events).toEqual([
      expect.objectContaining({
        type: 'escalated',
        actor: 'system',
        reason: 'acknowledge-overdue',
        notify: { memberIds: [M.kankeConvenor, M.ranchiConvenor], desks: [], reporters: [OTHER_REPORTER_KEY], feeds: [] },
      }),
    ]);
    expect(caseEventSchema.parse(result.events[0])).toEqual(result.events[0]);
  });

  it('tells the previous assignee too, and clears the assignment', () => {
    const result = ok(sut(acknowledgedAndAssigned(), at(days(3)), ctx));

    expect(result.case).not.toHaveProperty('assigneeId');
    expect(result.events[0]).toMatchObject({ reason: 'resolve-overdue', notify: { memberIds: [M.kankeConvenor, M.kankeSecretary, M.ranchiConvenor] } });
  });

  it('puts a case reaching the state HQ on the state feed, and the HQ desk in the notice', () => {
    const atDistrict = ok(sut(rationCaseAtKanke(), at(days(1)), ctx)).case;
    const result = ok(sut(atDistrict, at(days(2)), ctx));

    expect(result.case).toMatchObject({ handler: { desk: { kind: 'role', role: 'state-hq', unitCode: 'JH' } }, feeds: ['state'] });
    expect(result.events[0].notify).toEqual({
      memberIds: [M.ranchiConvenor],
      desks: [{ kind: 'role', role: 'state-hq', unitCode: 'JH', level: 'state' }],
      reporters: [OTHER_REPORTER_KEY],
      feeds: ['state'],
    });
  });

  it('asks the guard again: an accused who joined the district since the complaint is passed over there', () => {
    const c = opened('पंचायत अध्यक्ष राशन कार्ड के पैसे मांगते हैं, शिकायत').case;
    expect(c.handler.desk).toMatchObject({ post: 'president', unitCode: 'JH-RAN-KANKE' });
    const joined = postHoldersWith(
      member(M.pithoriaPresident, '345101', [
        { unitCode: '345101', post: 'president' },
        { unitCode: 'JH-RAN', post: 'secretary', from: at(hours(12)).toISOString() },
      ]),
    );

    const result = ok(sut(c, at(days(1)), context({ posts: joined })));

    expect(result.decision.skipped).toEqual([{ unitCode: 'JH-RAN', why: 'conflict-of-interest' }]);
    expect(result.case.handler.desk).toMatchObject({ role: 'state-hq', unitCode: 'JH' });
    expect(result.case.guard.excludedUnitCodes).toEqual(['345101', 'JH-RAN']);
    expect(result.case.audit.at(-1)?.reason).toBe('acknowledge-overdue: to JH; JH-RAN skipped (conflict-of-interest)');
    expect(JSON.stringify(result.events)).not.toContain(M.pithoriaPresident);
  });

  it('sends a case to the state HQ at the ceiling, past the levels between', () => {
    const slow = context({ policy: SLOW });
    const c = acknowledgedAndAssigned(rationCaseAtKanke(slow), SLOW);

    expect(sut(c, at(days(21) - 1), slow)).toMatchObject({ ok: false, code: 'ESCALATION.NOT_DUE' });
    expect(ok(sut(c, at(days(21)), slow))).toMatchObject({
      case: { handler: { desk: { role: 'state-hq', unitCode: 'JH' } }, timers: { acknowledgeBy: at(days(22)) } },
      decision: { reason: 'ceiling', skipped: [] },
    });
  });

  it('lets a desk send a case up by hand, with its reason', () => {
    const result = ok(sut(rationCaseAtKanke(), at(hours(1)), ctx, { memberId: M.kankeConvenor, note: 'the block office will not talk to us' }));

    expect(result.events[0]).toMatchObject({ reason: 'manual', actor: M.kankeConvenor });
    expect(result.case.audit.at(-1)?.reason).toBe('manual: to JH-RAN; the block office will not talk to us');
  });

  it('works out a decision on the version it read, so that a copy applied later is stale', () => {
    const c = rationCaseAtKanke();
    const decided = decideEscalation(c, at(days(1)), ctx);
    const moved = ok(sut(c, at(days(1)), ctx)).case;

    expect(decided).toMatchObject({ ok: true, decision: { caseId: c.id, fromVersion: 1, reason: 'acknowledge-overdue' } });
    if (!decided.ok) return;
    expect(transition(moved, { type: 'escalate', decision: decided.decision }, { kind: 'system' }, at(days(1)), ctx.policy)).toMatchObject({ code: 'CASE.STALE_DECISION' });
  });
});

describe(appeal.name, () => {
  const reporterKey = OTHER_REPORTER_KEY;
  const resolved = () => ok(transition(acknowledgedAndAssigned(), { type: 'resolve', outcome: 'not-actionable', note: 'not our matter' }, kankeConvenor, at(hours(3)), ctx.policy)).case;

  it('takes the case to the desk above within the reopen window', () => {
    const result = ok(appeal(resolved(), reporterKey, 'the block did not even look', at(days(1)), ctx));

    expect(result.case).toMatchObject({ status: 'open', handler: { desk: { unitCode: 'JH-RAN' }, via: 'appeal' } });
    expect(result.events.map(({ type }) => type)).toEqual(['reopened', 'escalated']);
    expect(result.events[0]).toMatchObject({ appeal: true, actor: 'reporter:R1' });
  });

  it('is refused after the window, and to anyone but a reporter', () => {
    expect(appeal(resolved(), reporterKey, 'late', at(days(8)), ctx)).toMatchObject({ code: 'CASE.REOPEN_WINDOW_CLOSED' });
    expect(appeal(resolved(), 'snd_somebody_else_1', 'me too', at(days(1)), ctx)).toMatchObject({ code: 'CASE.NOT_REPORTER' });
  });

  it('reopens in place at AICC, which has nobody above it', () => {
    const c = opened('प्रदेश अध्यक्ष के खिलाफ शिकायत', { report: FROM_KANKE }).case;
    const aicc: Actor = { kind: 'member', memberId: 'mbr_aicc_officer1' };
    const acknowledged = ok(transition(c, { type: 'acknowledge' }, aicc, at(1), ctx.policy)).case;
    const done = ok(transition(acknowledged, { type: 'resolve', outcome: 'actioned', note: 'warned' }, aicc, at(2), ctx.policy)).case;

    expect(ok(appeal(done, reporterKey, 'nothing changed', at(3), ctx)).case).toMatchObject({ status: 'acknowledged', handler: { desk: { role: 'aicc-admin' } } });
  });
});
