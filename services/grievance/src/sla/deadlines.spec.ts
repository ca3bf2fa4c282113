import type { Case } from '../cases/case';
import { rationCaseAtKanke, T0 } from '../opening/fixtures/case.fixtures';
import { days, hours } from '../shared/duration';
import { deadlinesFor, isOverdue, nextDueAt } from './deadlines';
import { DEFAULT_SLA_POLICY } from './sla-policy';

const at = (ms: number) => new Date(T0.getTime() + ms);
const policy = DEFAULT_SLA_POLICY;

function atDesk(c: Case, level: 'district' | 'state' | 'national', unitCode: string, unitPath: string[]): Case {
  const desk = level === 'district' ? { kind: 'post' as const, post: 'president' as const, unitCode, level, unitPath } : { kind: 'role' as const, role: level === 'state' ? ('state-hq' as const) : ('aicc-admin' as const), unitCode, level, unitPath };
  return { ...c, handler: { ...c.handler, desk } };
}

describe(deadlinesFor.name, () => {
  const sut = deadlinesFor;
  const c = rationCaseAtKanke();

  it('gives an open case a deadline to acknowledge, to resolve, and the ceiling', () => {
    expect(sut(c, policy)).toEqual({ acknowledgeBy: at(days(1)), resolveBy: at(days(3)), ceilingBy: at(days(21)), remindAt: at(hours(18)) });
  });

  it('restarts the desk’s clocks from when it got the case, but not the ceiling', () => {
    const escalated = { ...atDesk(c, 'district', 'JH-RAN', ['IN', 'JH', 'JH-RAN']), clockStartedAt: at(days(2)) };

    expect(sut(escalated, policy)).toEqual({ acknowledgeBy: at(days(3)), resolveBy: at(days(7)), ceilingBy: at(days(21)), remindAt: at(days(2) + hours(18)) });
  });

  it('drops the ceiling once the case is at the state HQ or above', () => {
    expect(sut(atDesk(c, 'state', 'JH', ['IN', 'JH']), policy)).toEqual({ acknowledgeBy: at(days(1)), resolveBy: at(days(7)), remindAt: at(hours(18)) });
  });

  it('scales the desk’s deadlines by severity', () => {
    expect(sut({ ...c, severity: 'high' }, policy)).toMatchObject({ acknowledgeBy: at(hours(12)), resolveBy: at(hours(36)), ceilingBy: at(days(21)) });
  });

  it('keeps only the reopen window for a resolved case, and nothing for a closed one', () => {
    expect(sut({ ...c, status: 'resolved', resolvedAt: at(days(1)) }, policy)).toEqual({ closeBy: at(days(8)) });
    expect(sut({ ...c, status: 'closed' }, policy)).toEqual({});
  });

  it('fails loudly on a policy without a target: a case must never sit without a clock', () => {
    expect(() => sut(c, { ...policy, targets: [] })).toThrow('SLA policy v1 has no target for government-service at block level');
  });
});

describe(nextDueAt.name, () => {
  const c = rationCaseAtKanke();

  it('is the earliest timer that calls for action', () => {
    expect(nextDueAt(c)).toEqual(at(hours(18)));
    expect(nextDueAt({ ...c, timers: { resolveBy: at(days(3)), ceilingBy: at(days(2)) } })).toEqual(at(days(2)));
    expect(nextDueAt({ ...c, timers: {} })).toBeUndefined();
  });

  it('ignores AICC’s own deadlines, which no escalation can answer', () => {
    expect(nextDueAt({ ...atDesk(c, 'national', 'IN', ['IN']), timers: { acknowledgeBy: at(1), resolveBy: at(2) } })).toBeUndefined();
  });
});

describe(isOverdue.name, () => {
  const c = rationCaseAtKanke();

  it('is true once a deadline of the desk has passed, for an active case only', () => {
    expect(isOverdue(c, at(days(1) - 1))).toBe(false);
    expect(isOverdue(c, at(days(1)))).toBe(true);
    expect(isOverdue({ ...c, status: 'resolved' }, at(days(5)))).toBe(false);
  });
});
