import { caseEventSchema } from '@cc/contracts';
import { M } from '../org/fixtures/org.fixtures';
import {
  BLOCK_PRESIDENT_FROM_PITHORIA,
  context,
  ok,
  opened,
  OTHER_REPORTER_KEY,
  rationCaseAtKanke,
  REPORTER_KEY,
  T0,
} from '../opening/fixtures/case.fixtures';
import { DEFAULT_SLA_POLICY } from '../sla/sla-policy';
import { days, hours } from '../shared/duration';
import type { Case, Handler } from './case';
import { SYSTEM, transition, type Actor, type CaseAction, type EscalationDecision } from './case-lifecycle';

const policy = DEFAULT_SLA_POLICY;
const at = (ms: number) => new Date(T0.getTime() + ms);
const convenor: Actor = { kind: 'member', memberId: M.kankeConvenor };
const secretary: Actor = { kind: 'member', memberId: M.kankeSecretary };
const reporter: Actor = { kind: 'reporter', senderKey: OTHER_REPORTER_KEY };

function step(c: Case, action: CaseAction, actor: Actor, when: Date) {
  return ok(transition(c, action, actor, when, policy));
}

/** The ration case taken through to resolution at the Kanke desk, one hour per step. */
function resolvedCase(): Case {
  let c = rationCaseAtKanke();
  c = step(c, { type: 'acknowledge' }, convenor, at(hours(1))).case;
  c = step(c, { type: 'assign', assigneeId: M.kankeSecretary }, convenor, at(hours(2))).case;
  c = step(c, { type: 'start' }, secretary, at(hours(3))).case;
  return step(c, { type: 'resolve', outcome: 'actioned', note: 'ration card issued by the block office' }, secretary, at(hours(4))).case;
}

describe(transition.name, () => {
  const sut = transition;

  it('takes a case from open to closed, recording who did what, when and why, one version per change', () => {
    const resolved = resolvedCase();
    const closed = ok(sut(resolved, { type: 'close' }, reporter, at(hours(5)), policy));

    expect(closed.case).toMatchObject({ status: 'closed', closedAs: 'resolved', version: 6, timers: {} });
    expect(closed.case).not.toHaveProperty('dueAt');
    expect(closed.case.audit.map(({ actor, action, from, to, version }) => [actor, action, from, to, version])).toEqual([
      ['system', 'open', null, 'open', 1],
      [M.kankeConvenor, 'acknowledge', 'open', 'acknowledged', 2],
      [M.kankeConvenor, 'assign', 'acknowledged', 'assigned', 3],
      [M.kankeSecretary, 'start', 'assigned', 'in-progress', 4],
      [M.kankeSecretary, 'resolve', 'in-progress', 'resolved', 5],
      ['reporter:R1', 'close', 'resolved', 'closed', 6],
    ]);
    expect(closed.case.audit[4]).toMatchObject({ at: at(hours(4)), reason: 'actioned: ration card issued by the block office' });
    expect(closed.case.audit[5].reason).toBe('the reporter confirmed the resolution');
  });

  it('publishes acknowledged, assigned, resolved and closed events, each valid and told to whom it concerns', () => {
    let c = rationCaseAtKanke();
    const events = [];
    for (const [action, actor] of [
      [{ type: 'acknowledge' }, convenor],
      [{ type: 'assign', assigneeId: M.kankeSecretary }, convenor],
      [{ type: 'start' }, secretary],
      [{ type: 'resolve', outcome: 'referred', note: 'sent to the supply officer' }, secretary],
      [{ type: 'close' }, reporter],
    ] as [CaseAction, Actor][]) {
      const result = step(c, action, actor, at(hours(1)));
      c = result.case;
      events.push(...result.events);
    }

    expect(events.map(({ type, version }) => [type, version])).toEqual([
      ['acknowledged', 2],
      ['assigned', 3],
      ['resolved', 5],
      ['closed', 6],
    ]);
    expect(events.map(({ notify }) => notify)).toEqual([
      { memberIds: [], desks: [], reporters: [OTHER_REPORTER_KEY], feeds: [] },
      { memberIds: [M.kankeSecretary], desks: [], reporters: [OTHER_REPORTER_KEY], feeds: [] },
      { memberIds: [M.kankeConvenor, M.kankeSecretary], desks: [], reporters: [OTHER_REPORTER_KEY], feeds: [] },
      { memberIds: [M.kankeConvenor, M.kankeSecretary], desks: [], reporters: [OTHER_REPORTER_KEY], feeds: [] },
    ]);
    expect(events[2]).toMatchObject({ outcome: 'referred' });
    // While the case is active each event names the desk's next deadline (to resolve, once acknowledged); none after.
    expect(events.map((event) => event.dueAt)).toEqual([at(days(3)).toISOString(), at(days(3)).toISOString(), undefined, undefined]);
    for (const event of events) expect(caseEventSchema.parse(event)).toEqual(event);
  });

  it('stops the acknowledgement clock when the desk acknowledges, and the resolution clock when it resolves', () => {
    const c = rationCaseAtKanke();
    const acknowledged = step(c, { type: 'acknowledge' }, convenor, at(hours(1))).case;

    // Reminded three quarters into the desk's time: 54 h into the 3 days to resolve.
    expect(acknowledged.timers).toEqual({ resolveBy: at(days(3)), ceilingBy: at(days(21)), remindAt: at(hours(54)) });
    expect(resolvedCase().timers).toEqual({ closeBy: at(hours(4) + days(7)) });
  });

  it('leaves the case it was given untouched', () => {
    const c = rationCaseAtKanke();
    const before = structuredClone(c);

    step(c, { type: 'acknowledge', note: 'seen' }, convenor, at(hours(1)));

    expect(c).toEqual(before);
  });

  describe('refuses', () => {
    it.each<[string, CaseAction, Actor, string]>([
      ['an assignment before the acknowledgement', { type: 'assign', assigneeId: M.kankeSecretary }, convenor, 'a case that is open cannot be assigned; acknowledge it first'],
      ['a resolution before the acknowledgement', { type: 'resolve', outcome: 'actioned', note: 'x' }, convenor, 'a case that is open cannot be resolved'],
      ['a reopening of a case still handled', { type: 'reopen', reason: 'no' }, reporter, 'a case that is open cannot be reopened; it is still being handled'],
    ])('%s', (_, action, actor, reason) => {
      expect(sut(rationCaseAtKanke(), action, actor, at(hours(1)), policy)).toEqual({ ok: false, code: 'CASE.INVALID_TRANSITION', reason });
    });

    it.each<[string, CaseAction, Actor]>([
      ['the reporter acknowledging', { type: 'acknowledge' }, reporter],
      ['an office-bearer reopening', { type: 'reopen', reason: 'x' }, convenor],
      ['an office-bearer closing', { type: 'close' }, convenor],
      ['the system resolving', { type: 'resolve', outcome: 'actioned', note: 'x' }, SYSTEM],
    ])('%s', (_, action, actor) => {
      expect(sut(rationCaseAtKanke(), action, actor, at(hours(1)), policy)).toMatchObject({ ok: false, code: 'CASE.ACTOR_NOT_ALLOWED' });
    });

    it('work started by anyone but the assignee', () => {
      let c = step(rationCaseAtKanke(), { type: 'acknowledge' }, convenor, at(1)).case;
      c = step(c, { type: 'assign', assigneeId: M.kankeSecretary }, convenor, at(2)).case;

      expect(sut(c, { type: 'start' }, convenor, at(3), policy)).toMatchObject({ ok: false, code: 'CASE.NOT_ASSIGNEE' });
    });

    it('a resolution without a note or with an unknown outcome', () => {
      const c = step(rationCaseAtKanke(), { type: 'acknowledge' }, convenor, at(1)).case;

      expect(sut(c, { type: 'resolve', outcome: 'actioned', note: '  ' }, convenor, at(2), policy)).toMatchObject({ code: 'CASE.INVALID_INPUT', reason: 'the resolution note is required' });
      expect(sut(c, { type: 'resolve', outcome: 'vanished' as never, note: 'x' }, convenor, at(2), policy)).toMatchObject({ code: 'CASE.INVALID_INPUT' });
      expect(sut(c, { type: 'resolve', outcome: 'actioned', note: 'x'.repeat(2001) }, convenor, at(2), policy)).toMatchObject({ code: 'CASE.INVALID_INPUT' });
    });

    it('any action by the member the case names, and an assignment to them', () => {
      const c = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;
      const ranchiPresident: Actor = { kind: 'member', memberId: M.ranchiPresident };
      const acknowledged = step(c, { type: 'acknowledge' }, ranchiPresident, at(1)).case;

      expect(sut(c, { type: 'acknowledge' }, { kind: 'member', memberId: M.kankePresident }, at(1), policy)).toEqual({
        ok: false,
        code: 'CASE.CONFLICT_OF_INTEREST',
        reason: 'the case names the caller, who may not act on it',
      });
      expect(sut(acknowledged, { type: 'assign', assigneeId: M.kankePresident }, ranchiPresident, at(2), policy)).toMatchObject({ code: 'CASE.CONFLICT_OF_INTEREST' });
      expect(sut(c, { type: 'comment', id: 'c1', text: 'I deny this' }, { kind: 'member', memberId: M.kankePresident }, at(1), policy)).toMatchObject({
        code: 'CASE.CONFLICT_OF_INTEREST',
      });
    });

    it('a reporter who is not a reporter of the case', () => {
      const resolved = resolvedCase();

      expect(sut(resolved, { type: 'reopen', reason: 'not done' }, { kind: 'reporter', senderKey: REPORTER_KEY }, at(hours(5)), policy)).toMatchObject({
        code: 'CASE.NOT_REPORTER',
      });
    });
  });

  describe('reopening', () => {
    it('sends the case back to its desk, acknowledged, with a fresh resolution clock and a reopened event', () => {
      const reopenedAt = at(days(2));
      const result = ok(sut(resolvedCase(), { type: 'reopen', reason: 'the card was never delivered' }, reporter, reopenedAt, policy));

      expect(result.case).toMatchObject({ status: 'acknowledged', clockStartedAt: reopenedAt, timers: { resolveBy: new Date(reopenedAt.getTime() + days(3)), ceilingBy: at(days(21)) } });
      expect(result.case).not.toHaveProperty('resolution');
      expect(result.case).not.toHaveProperty('assigneeId');
      expect(result.case.audit.at(-1)).toMatchObject({ actor: 'reporter:R1', action: 'reopen', from: 'resolved', to: 'acknowledged', reason: 'reopened: the card was never delivered' });
      expect(result.events).toEqual([expect.objectContaining({ type: 'reopened', appeal: false, notify: expect.objectContaining({ memberIds: [M.kankeConvenor, M.kankeSecretary] }) })]);
    });

    it('is allowed after the reporter confirmed, within the window', () => {
      const closed = step(resolvedCase(), { type: 'close' }, reporter, at(hours(5))).case;

      expect(sut(closed, { type: 'reopen', reason: 'it happened again' }, reporter, at(days(6)), policy)).toMatchObject({ ok: true, case: { status: 'acknowledged' } });
    });

    it('is refused once the window has passed, and for a withdrawn case', () => {
      const withdrawn = step(rationCaseAtKanke(), { type: 'close', note: 'sorted out myself' }, reporter, at(1)).case;

      expect(sut(resolvedCase(), { type: 'reopen', reason: 'late' }, reporter, at(hours(4) + days(7)), policy)).toEqual({
        ok: false,
        code: 'CASE.REOPEN_WINDOW_CLOSED',
        reason: `a case may be reopened within 7 days of its resolution, until ${at(hours(4) + days(7)).toISOString()}`,
      });
      expect(withdrawn).toMatchObject({ status: 'closed', closedAs: 'withdrawn' });
      expect(sut(withdrawn, { type: 'reopen', reason: 'again' }, reporter, at(2), policy)).toMatchObject({ code: 'CASE.INVALID_TRANSITION' });
    });

    it('takes an appeal to the desk above, open there, with reopened and escalated events', () => {
      const ranchi: Handler = {
        desk: { kind: 'post', post: 'grievance-convenor', unitCode: 'JH-RAN', level: 'district', unitPath: ['IN', 'JH', 'JH-RAN'] },
        memberIds: [M.ranchiConvenor],
        since: at(days(1)),
        via: 'appeal',
      };

      const result = ok(sut(resolvedCase(), { type: 'reopen', reason: 'the block did nothing', appealTo: ranchi }, reporter, at(days(1)), policy));

      expect(result.case).toMatchObject({ status: 'open', handler: ranchi, escalations: [{ reason: 'appeal', to: ranchi.desk }] });
      expect(result.events.map(({ type }) => type)).toEqual(['reopened', 'escalated']);
      expect(result.events[0].notify.memberIds).toEqual([M.kankeConvenor, M.kankeSecretary, M.ranchiConvenor]);
    });
  });

  describe('closing by the system', () => {
    it('waits for the reopen window to pass', () => {
      const resolved = resolvedCase();

      expect(sut(resolved, { type: 'close' }, SYSTEM, at(days(7)), policy)).toMatchObject({ ok: false, code: 'CASE.REOPEN_WINDOW_OPEN' });
      expect(sut(resolved, { type: 'close' }, SYSTEM, at(hours(4) + days(7)), policy)).toMatchObject({
        ok: true,
        case: { status: 'closed', closedAs: 'resolved', audit: expect.arrayContaining([expect.objectContaining({ actor: 'system', reason: 'the reopen window passed' })]) },
      });
    });

    it('never closes a case nobody resolved', () => {
      expect(sut(rationCaseAtKanke(), { type: 'close' }, SYSTEM, at(days(30)), policy)).toMatchObject({ ok: false, code: 'CASE.ACTOR_NOT_ALLOWED' });
    });
  });

  describe('escalating', () => {
    const ranchiDesk: Handler = {
      desk: { kind: 'post', post: 'grievance-convenor', unitCode: 'JH-RAN', level: 'district', unitPath: ['IN', 'JH', 'JH-RAN'] },
      memberIds: [M.ranchiConvenor],
      since: at(days(1)),
      via: 'escalation',
    };
    const decision = (c: Case, overrides: Partial<EscalationDecision> = {}): EscalationDecision => ({
      caseId: c.id,
      fromVersion: c.version,
      reason: 'acknowledge-overdue',
      to: ranchiDesk,
      guard: c.guard,
      skipped: [],
      ...overrides,
    });

    it('moves the case to the desk above, open, its clocks restarted, everyone concerned told', () => {
      const c = rationCaseAtKanke();
      const result = ok(sut(c, { type: 'escalate', decision: decision(c) }, SYSTEM, at(days(1)), policy));

      expect(result.case).toMatchObject({
        status: 'open',
        handler: ranchiDesk,
        clockStartedAt: at(days(1)),
        timers: { acknowledgeBy: at(days(2)), resolveBy: at(days(6)), ceilingBy: at(days(21)) },
        escalations: [{ at: at(days(1)), from: c.handler.desk, to: ranchiDesk.desk, reason: 'acknowledge-overdue' }],
      });
      expect(result.events).toEqual([
        expect.objectContaining({
          type: 'escalated',
          reason: 'acknowledge-overdue',
          from: expect.objectContaining({ unitCode: 'JH-RAN-KANKE' }),
          to: expect.objectContaining({ unitCode: 'JH-RAN' }),
          notify: { memberIds: [M.kankeConvenor, M.ranchiConvenor], desks: [], reporters: [OTHER_REPORTER_KEY], feeds: [] },
        }),
      ]);
    });

    it('refuses a decision worked out on another version: a second replica’s copy of the same escalation', () => {
      const c = rationCaseAtKanke();
      const first = ok(sut(c, { type: 'escalate', decision: decision(c) }, SYSTEM, at(days(1)), policy));

      expect(sut(first.case, { type: 'escalate', decision: decision(c) }, SYSTEM, at(days(1)), policy)).toMatchObject({ ok: false, code: 'CASE.STALE_DECISION' });
    });

    it('refuses to go sideways, down, or into an excluded unit', () => {
      const c = rationCaseAtKanke();
      const angara: Handler = { ...ranchiDesk, desk: { kind: 'post', post: 'president', unitCode: 'JH-RAN-ANGARA', level: 'block', unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA'] } };
      const khunti: Handler = { ...ranchiDesk, desk: { ...ranchiDesk.desk, unitCode: 'JH-KHU', unitPath: ['IN', 'JH', 'JH-KHU'] } };

      expect(sut(c, { type: 'escalate', decision: decision(c, { to: angara }) }, SYSTEM, at(1), policy)).toMatchObject({ code: 'CASE.ESCALATION_NOT_UPWARD' });
      expect(sut(c, { type: 'escalate', decision: decision(c, { to: khunti }) }, SYSTEM, at(1), policy)).toMatchObject({ code: 'CASE.ESCALATION_NOT_UPWARD' });
      expect(
        sut(c, { type: 'escalate', decision: decision(c, { guard: { excludedMemberIds: [], excludedUnitCodes: ['JH-RAN'] } }) }, SYSTEM, at(1), policy),
      ).toMatchObject({ code: 'CASE.CONFLICT_OF_INTEREST' });
    });
  });

  describe('notes and attachments', () => {
    it('records a comment and an attachment by reference, each a new version in the audit trail', () => {
      const c = rationCaseAtKanke();
      const commented = step(c, { type: 'comment', id: 'n1', text: 'called the supply office' }, convenor, at(1)).case;
      const attached = step(commented, { type: 'attach', attachment: { id: 'a1', type: 'document', url: 'https://app.example/a1.pdf' } }, reporter, at(2)).case;

      expect(attached).toMatchObject({
        status: 'open',
        version: 3,
        comments: [{ id: 'n1', at: at(1), author: M.kankeConvenor, text: 'called the supply office' }],
        attachments: [{ id: 'a1', type: 'document', url: 'https://app.example/a1.pdf', addedBy: 'reporter:R1', addedAt: at(2) }],
      });
      expect(attached.audit.slice(1).map(({ action, from, to }) => [action, from, to])).toEqual([
        ['comment', 'open', 'open'],
        ['attach', 'open', 'open'],
      ]);
    });

    it('refuses a second comment with the same id, and an attachment without a safe reference', () => {
      const c = step(rationCaseAtKanke(), { type: 'comment', id: 'n1', text: 'x' }, convenor, at(1)).case;

      expect(sut(c, { type: 'comment', id: 'n1', text: 'y' }, convenor, at(2), policy)).toMatchObject({ code: 'CASE.DUPLICATE_ID' });
      expect(sut(c, { type: 'attach', attachment: { id: 'a', type: 'image' } }, convenor, at(2), policy)).toMatchObject({ code: 'CASE.INVALID_INPUT' });
      expect(sut(c, { type: 'attach', attachment: { id: 'a', type: 'image', url: 'javascript:alert(1)' } }, convenor, at(2), policy)).toMatchObject({
        code: 'CASE.INVALID_INPUT',
      });
    });
  });

  it('lets the reporter withdraw a case still being handled', () => {
    const result = ok(sut(rationCaseAtKanke(context()), { type: 'close' }, reporter, at(1), policy));

    expect(result.case).toMatchObject({ status: 'closed', closedAs: 'withdrawn' });
    expect(result.events[0]).toMatchObject({ type: 'closed', closedAs: 'withdrawn' });
  });
});
