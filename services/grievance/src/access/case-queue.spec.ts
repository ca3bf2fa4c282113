import { M, orgView, postHolders } from '../org/fixtures/org.fixtures';
import { BDO_FROM_PITHORIA, BLOCK_PRESIDENT_FROM_PITHORIA, context, FROM_KANKE, ok, opened, rationCaseAtKanke, T0 } from '../opening/fixtures/case.fixtures';
import { transition } from '../cases/case-lifecycle';
import type { Principal } from '../shared/principal';
import { inQueue, queueOf, queueScopeFor, type QueueScope } from './case-queue';

const org = orgView();
const posts = postHolders();
const officeBearer = (memberId: string, unitCode: string): Principal => ({ memberId, unitCode, roles: ['office-bearer'] });

function scopeOf(principal: Principal): QueueScope {
  return ok(queueScopeFor(principal, org, posts, T0)).scope;
}

describe(queueScopeFor.name, () => {
  it('lists the posts the caller holds in the unit they act for, and their HQ role desk', () => {
    expect(scopeOf(officeBearer(M.kankeSecretary, 'JH-RAN')).desks).toEqual([{ unitCode: 'JH-RAN', post: 'secretary' }]);
    expect(scopeOf({ memberId: 'mbr_jh_hq_staff1', unitCode: 'JH', roles: ['state-hq'] }).desks).toEqual([{ unitCode: 'JH', role: 'state-hq' }]);
  });

  it('refuses a caller with no desk in the unit', () => {
    expect(queueScopeFor(officeBearer(M.worker, 'JH-RAN-KANKE'), org, posts, T0)).toMatchObject({ ok: false, code: 'ACCESS.NO_DESK' });
  });
});

describe(inQueue.name, () => {
  const ration = rationCaseAtKanke();
  const bdo = opened(BDO_FROM_PITHORIA).case;
  const aboutKankePresident = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;

  it('puts a case in the queue of the desk that handles it, and nowhere else', () => {
    expect(inQueue(scopeOf(officeBearer(M.kankeConvenor, 'JH-RAN-KANKE')), ration)).toBe(true);
    expect(inQueue(scopeOf(officeBearer(M.kankePresident, 'JH-RAN-KANKE')), ration)).toBe(false);
    expect(inQueue(scopeOf(officeBearer(M.ranchiConvenor, 'JH-RAN')), ration)).toBe(false);
    expect(inQueue(scopeOf(officeBearer(M.ranchiConvenor, 'JH-RAN')), bdo)).toBe(true);
    expect(inQueue(scopeOf(officeBearer(M.ranchiPresident, 'JH-RAN')), aboutKankePresident)).toBe(true);
  });

  it('puts a case assigned to a member in their queue', () => {
    const convenor = { kind: 'member' as const, memberId: M.kankeConvenor };
    const acknowledged = ok(transition(ration, { type: 'acknowledge' }, convenor, T0, context().policy)).case;
    const assigned = ok(transition(acknowledged, { type: 'assign', assigneeId: M.kankeSecretary }, convenor, T0, context().policy)).case;

    expect(inQueue(scopeOf(officeBearer(M.kankeSecretary, 'JH-RAN-KANKE')), assigned)).toBe(true);
  });

  it('keeps a guarded case out of a queue at its desk: the holder answers to the accused', () => {
    const guarded = { ...aboutKankePresident, handler: { ...aboutKankePresident.handler, desk: { ...aboutKankePresident.handler.desk, post: 'secretary' as const } } };

    expect(inQueue(scopeOf(officeBearer(M.kankeSecretary, 'JH-RAN')), guarded)).toBe(false);
  });

  it('leaves out cases no longer being handled', () => {
    expect(inQueue(scopeOf(officeBearer(M.kankeConvenor, 'JH-RAN-KANKE')), { ...ration, status: 'resolved' })).toBe(false);
  });
});

describe(queueOf.name, () => {
  it('orders the queue by the earliest deadline, then by severity', () => {
    const later = rationCaseAtKanke(context(), new Date(T0.getTime() + 1000));
    const critical = opened('राशन कार्ड की शिकायत, मारपीट हुई', { report: FROM_KANKE }).case;
    const first = rationCaseAtKanke();
    const sameTimeButHigh = { ...first, id: 'case_tie00001', severity: 'high' as const };

    expect(queueOf(scopeOf(officeBearer(M.kankeConvenor, 'JH-RAN-KANKE')), [later, first, critical, sameTimeButHigh]).map(({ id }) => id)).toEqual([
      critical.id,
      sameTimeButHigh.id,
      first.id,
      later.id,
    ]);
  });
});
