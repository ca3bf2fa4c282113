import type { Case } from '../cases/case';
import { transition } from '../cases/case-lifecycle';
import { InMemoryCaseStore } from '../cases/in-memory-case-store';
import { M } from '../org/fixtures/org.fixtures';
import { context, ok, OTHER_REPORTER_KEY, rationCaseAtKanke, T0 } from '../opening/fixtures/case.fixtures';
import { ManualClock } from '../shared/clock';
import { days, HOUR, hours } from '../shared/duration';
import { escalate } from './escalation';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';
import { sweepDueCases } from './sla-sweep';

async function storeWith(c: Case): Promise<InMemoryCaseStore> {
  const store = new InMemoryCaseStore();
  await store.insert(c, []);
  return store;
}

const desks = (store: InMemoryCaseStore, caseId: string) =>
  store
    .outbox(caseId)
    .filter((event) => event.type === 'escalated')
    .map((event) => (event.type === 'escalated' ? `${event.from.unitCode} → ${event.to.unitCode}` : ''));

describe(sweepDueCases.name, () => {
  const sut = sweepDueCases;

  it('drives an ignored complaint from the block to the district to the state HQ on a fake clock', async () => {
    const ctx = context();
    const clock = new ManualClock(T0);
    const c = rationCaseAtKanke(ctx, clock.now());
    const store = await storeWith(c);

    expect(await sut(store, clock.now(), ctx)).toEqual({ escalated: [], closed: [], reminded: [], stale: [], failed: [] });
    clock.advance(hours(18));
    // Three quarters into the day to acknowledge: the desk is reminded, once.
    expect(await sut(store, clock.now(), ctx)).toMatchObject({ reminded: [c.id], escalated: [] });
    expect((await sut(store, clock.now(), ctx)).reminded).toEqual([]);
    expect(store.outbox(c.id).at(-1)).toMatchObject({ type: 'deadline-approaching', deadline: 'acknowledge', dueAt: c.timers.acknowledgeBy!.toISOString(), notify: { memberIds: [M.kankeConvenor], reporters: [] } });
    clock.advance(hours(6) - 1);
    expect((await sut(store, clock.now(), ctx)).escalated).toEqual([]);
    clock.advance(1);
    expect((await sut(store, clock.now(), ctx)).escalated).toEqual([c.id]);
    clock.advance(days(1));
    expect((await sut(store, clock.now(), ctx)).escalated).toEqual([c.id]);

    const atState = (await store.get(c.id))!;
    // Opened, reminded, escalated twice: the district's day passed unreminded, the escalation came first.
    expect(atState).toMatchObject({ status: 'open', version: 4, handler: { desk: { role: 'state-hq', unitCode: 'JH' } }, feeds: ['state'] });
    expect(desks(store, c.id)).toEqual(['JH-RAN-KANKE → JH-RAN', 'JH-RAN → JH']);
    expect(store.outbox(c.id).filter((event) => event.type === 'escalated').every((event) => event.notify.reporters.includes(OTHER_REPORTER_KEY))).toBe(true);

    const acknowledged = ok(transition(atState, { type: 'acknowledge' }, { kind: 'member', memberId: 'mbr_jh_hq_staff1' }, clock.advance(hours(1)), ctx.policy));
    await store.replace(atState.version, acknowledged.case, acknowledged.events);
    clock.advance(days(1));
    expect((await sut(store, clock.now(), ctx)).escalated).toEqual([]);
  });

  it('lets only one of two replicas apply the same escalation', async () => {
    const ctx = context();
    const c = rationCaseAtKanke(ctx);
    const store = await storeWith(c);
    const now = new Date(T0.getTime() + days(1));

    const [readByA, readByB] = [(await store.get(c.id))!, (await store.get(c.id))!];
    const decidedByA = ok(escalate(readByA, now, ctx));
    const decidedByB = ok(escalate(readByB, now, ctx));
    expect(decidedByB.decision).toEqual(decidedByA.decision);

    expect(await store.replace(readByA.version, decidedByA.case, decidedByA.events)).toBe(true);
    expect(await store.replace(readByB.version, decidedByB.case, decidedByB.events)).toBe(false);
    expect(desks(store, c.id)).toEqual(['JH-RAN-KANKE → JH-RAN']);
    expect((await store.get(c.id))?.version).toBe(2);
  });

  it('escalates once however many replicas sweep at the same instant', async () => {
    const ctx = context();
    const cases = [rationCaseAtKanke(ctx), rationCaseAtKanke(ctx), rationCaseAtKanke(ctx)];
    const store = new InMemoryCaseStore();
    for (const c of cases) await store.insert(c, []);
    const now = new Date(T0.getTime() + days(1));

    const reports = await Promise.all([sut(store, now, ctx), sut(store, now, ctx), sut(store, now, ctx)]);

    expect(reports.flatMap(({ escalated }) => escalated).sort()).toEqual(cases.map(({ id }) => id).sort());
    expect(reports.flatMap(({ failed }) => failed)).toEqual([]);
    for (const c of cases) expect(desks(store, c.id)).toEqual(['JH-RAN-KANKE → JH-RAN']);
  });

  it('resumes after a restart from the clocks in the store, one level per pass', async () => {
    const ctx = context();
    const c = rationCaseAtKanke(ctx);
    const store = await storeWith(c);
    const restartedAt = new Date(T0.getTime() + days(10));

    expect((await sut(store, restartedAt, context())).escalated).toEqual([c.id]);
    expect((await sut(store, restartedAt, context())).escalated).toEqual([]);
    expect(await store.get(c.id)).toMatchObject({ handler: { desk: { unitCode: 'JH-RAN' } }, clockStartedAt: restartedAt });
  });

  it('never lets a case pass the 21-day ceiling below the state HQ, however slow the targets', async () => {
    const slow: SlaPolicy = { ...DEFAULT_SLA_POLICY, targets: [{ category: '*', level: '*', acknowledgeWithin: days(1), resolveWithin: days(60) }] };
    const ctx = context({ policy: slow });
    const clock = new ManualClock(T0);
    const c = rationCaseAtKanke(ctx, clock.now());
    const store = await storeWith(c);
    const convenor = { kind: 'member' as const, memberId: M.kankeConvenor };
    const acknowledged = ok(transition(c, { type: 'acknowledge' }, convenor, clock.now(), slow));
    await store.replace(1, acknowledged.case, acknowledged.events);

    while (clock.now().getTime() < T0.getTime() + days(25)) {
      clock.advance(HOUR);
      await sut(store, clock.now(), ctx);
      const current = (await store.get(c.id))!;
      if (clock.now().getTime() >= T0.getTime() + days(21)) expect(['state', 'national']).toContain(current.handler.desk.level);
      else expect(current.handler.desk.unitCode).toBe('JH-RAN-KANKE');
    }
    const escalations = store.outbox(c.id).filter((event) => event.type === 'escalated');
    expect(escalations[0]).toMatchObject({ reason: 'ceiling', occurredAt: new Date(T0.getTime() + days(21)).toISOString(), to: { unitCode: 'JH' } });
  });

  it('closes resolved cases when the reopen window has passed', async () => {
    const ctx = context();
    const convenor = { kind: 'member' as const, memberId: M.kankeConvenor };
    let c = rationCaseAtKanke(ctx);
    c = ok(transition(c, { type: 'acknowledge' }, convenor, T0, ctx.policy)).case;
    c = ok(transition(c, { type: 'resolve', outcome: 'actioned', note: 'done' }, convenor, T0, ctx.policy)).case;
    const store = await storeWith(c);

    expect((await sut(store, new Date(T0.getTime() + days(7) - 1), ctx)).closed).toEqual([]);
    expect((await sut(store, new Date(T0.getTime() + days(7)), ctx)).closed).toEqual([c.id]);
    expect(await store.get(c.id)).toMatchObject({ status: 'closed', closedAs: 'resolved' });
    expect(store.outbox(c.id).map(({ type }) => type)).toEqual(['closed']);
  });

  it('reports a case it could not escalate, and carries on', async () => {
    const ctx = context();
    const stuck = rationCaseAtKanke(ctx);
    const fine = rationCaseAtKanke(ctx);
    const store = new InMemoryCaseStore();
    await store.insert({ ...stuck, handler: { ...stuck.handler, desk: { ...stuck.handler.desk, unitCode: 'GONE', unitPath: ['IN', 'GONE'] } } }, []);
    await store.insert(fine, []);

    const report = await sut(store, new Date(T0.getTime() + days(1)), ctx);

    expect(report.failed).toEqual([{ caseId: stuck.id, code: 'GUARD.UNKNOWN_UNIT', reason: 'GONE is not a known unit' }]);
    expect(report.escalated).toEqual([fine.id]);
  });
});
