import { M, orgView, postHolders } from '../org/fixtures/org.fixtures';
import { BLOCK_PRESIDENT_FROM_PITHORIA, context, ok, opened, rationCaseAtKanke, T0 } from '../opening/fixtures/case.fixtures';
import type { Principal } from '../shared/principal';
import { actOnCase, authorizeCaseAction } from './case-actions';

const ctx = context();
const org = orgView();
const posts = postHolders();
const officeBearer = (memberId: string, unitCode: string): Principal => ({ memberId, unitCode, roles: ['office-bearer'] });
const kankeConvenor = officeBearer(M.kankeConvenor, 'JH-RAN-KANKE');

describe(authorizeCaseAction.name, () => {
  const sut = authorizeCaseAction;
  const ration = rationCaseAtKanke();

  it('lets the desk act, and anyone who may see the case comment', () => {
    expect(sut(kankeConvenor, ration, 'acknowledge', org, posts, T0)).toEqual({ ok: true, memberId: M.kankeConvenor });
    expect(sut(officeBearer(M.kankePresident, 'JH-RAN-KANKE'), ration, 'comment', org, posts, T0)).toEqual({ ok: true, memberId: M.kankePresident });
  });

  it('refuses a colleague who does not hold the desk’s post', () => {
    expect(sut(officeBearer(M.kankePresident, 'JH-RAN-KANKE'), ration, 'acknowledge', org, posts, T0)).toEqual({
      ok: false,
      code: 'ACCESS.NOT_AT_DESK',
      reason: 'only the grievance-convenor desk at JH-RAN-KANKE may acknowledge this case',
    });
  });

  it('refuses the desk holder acting for another unit', () => {
    expect(sut({ ...kankeConvenor, unitCode: 'JH-RAN' }, ration, 'acknowledge', org, posts, T0)).toMatchObject({ ok: false });
  });

  it('refuses a caller without a member id, and anyone the case is hidden from', () => {
    expect(sut({ unitCode: 'JH', roles: ['state-hq'] }, ration, 'comment', org, posts, T0)).toMatchObject({ code: 'ACCESS.MEMBER_REQUIRED' });
    const aboutKankePresident = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;
    expect(sut(officeBearer(M.kankePresident, 'JH-RAN'), aboutKankePresident, 'comment', org, posts, T0)).toMatchObject({ code: 'GUARD.NOT_VISIBLE' });
  });
});

describe(actOnCase.name, () => {
  const sut = actOnCase;

  it('acknowledges, assigns to a colleague, and lets the assignee resolve', () => {
    const acknowledged = ok(sut(kankeConvenor, rationCaseAtKanke(), { type: 'acknowledge' }, T0, ctx)).case;
    const assigned = ok(sut(kankeConvenor, acknowledged, { type: 'assign', assigneeId: M.kankeSecretary }, T0, ctx)).case;
    const secretary = officeBearer(M.kankeSecretary, 'JH-RAN-KANKE');
    const started = ok(sut(secretary, assigned, { type: 'start' }, T0, ctx)).case;

    expect(ok(sut(secretary, started, { type: 'resolve', outcome: 'actioned', note: 'card issued' }, T0, ctx)).case).toMatchObject({ status: 'resolved' });
  });

  it('refuses an assignment the guard forbids, naming why', () => {
    const c = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;
    const ranchiPresident = officeBearer(M.ranchiPresident, 'JH-RAN');
    const acknowledged = ok(sut(ranchiPresident, c, { type: 'acknowledge' }, T0, ctx)).case;

    expect(sut(ranchiPresident, acknowledged, { type: 'assign', assigneeId: M.kankeSecretary }, T0, ctx)).toMatchObject({ ok: false, code: 'GUARD.ASSIGNEE_CONFLICTED' });
    expect(sut(ranchiPresident, acknowledged, { type: 'assign', assigneeId: M.ranchiSecretary }, T0, ctx)).toMatchObject({ ok: true });
  });

  it('escalates by hand, recorded against the member', () => {
    const result = ok(sut(kankeConvenor, rationCaseAtKanke(), { type: 'escalate', note: 'needs the district' }, T0, ctx));

    expect(result.case.handler.desk.unitCode).toBe('JH-RAN');
    expect(result.events[0]).toMatchObject({ type: 'escalated', reason: 'manual', actor: M.kankeConvenor });
  });
});
