import { M, member, orgView, postHolders, postHoldersWith } from '../org/fixtures/org.fixtures';
import { BDO_FROM_PITHORIA, BLOCK_PRESIDENT_FROM_PITHORIA, context, opened, T0 } from '../opening/fixtures/case.fixtures';
import type { Principal } from '../shared/principal';
import { canAssign, canView } from './case-visibility';

const org = orgView();
const posts = postHolders();
const officeBearer = (memberId: string, unitCode: string): Principal => ({ memberId, unitCode, roles: ['office-bearer'] });

describe(canView.name, () => {
  const sut = canView;
  const aboutKankePresident = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;

  it.each<[string, Principal]>([
    ['the Ranchi president, who handles it', officeBearer(M.ranchiPresident, 'JH-RAN')],
    ['another Ranchi office-bearer', officeBearer(M.ranchiSecretary, 'JH-RAN')],
    ['the Jharkhand HQ', { unitCode: 'JH', roles: ['state-hq'] }],
    ['AICC', { unitCode: 'IN', roles: ['aicc-admin'] }],
  ])('shows a case about the Kanke president to %s', (_, principal) => {
    expect(sut(principal, aboutKankePresident, org, posts, T0)).toEqual({ ok: true });
  });

  it.each<[string, Principal]>([
    ['the Kanke president himself, acting for Ranchi', officeBearer(M.kankePresident, 'JH-RAN')],
    ['the Kanke president himself, acting for Kanke', officeBearer(M.kankePresident, 'JH-RAN-KANKE')],
    ['anyone acting for Kanke', officeBearer(M.kankeConvenor, 'JH-RAN-KANKE')],
    ['a panchayat under Kanke', officeBearer(M.pithoriaPresident, '345101')],
    ['the Kanke secretary from his Ranchi seat', officeBearer(M.kankeSecretary, 'JH-RAN')],
    ['a sibling district', officeBearer(M.khuntiPresident, 'JH-KHU')],
    ['another state’s HQ', { unitCode: 'BR', roles: ['state-hq'] }],
  ])('hides it from %s, saying only that it is not visible', (_, principal) => {
    expect(sut(principal, aboutKankePresident, org, posts, T0)).toEqual({ ok: false, code: 'GUARD.NOT_VISIBLE', reason: 'the case is not visible to the caller' });
  });

  it('hides a case handled above the caller, even one from their own block', () => {
    const bdo = opened(BDO_FROM_PITHORIA).case;

    expect(sut(officeBearer(M.kankeConvenor, 'JH-RAN-KANKE'), bdo, org, posts, T0)).toMatchObject({ code: 'GUARD.NOT_VISIBLE' });
    expect(sut(officeBearer(M.ranchiConvenor, 'JH-RAN'), bdo, org, posts, T0)).toEqual({ ok: true });
  });

  it('hides it from the whole state when the state president is accused', () => {
    const posts = postHoldersWith(member(M.kankePresident, 'JH-RAN-KANKE', [{ unitCode: 'JH', post: 'president' }]));
    const aboutStatePresident = opened('प्रदेश अध्यक्ष के खिलाफ शिकायत', { ctx: context({ posts }) }).case;

    expect(aboutStatePresident.handler.desk).toMatchObject({ kind: 'role', role: 'aicc-admin' });
    expect(sut({ unitCode: 'JH', roles: ['state-hq'] }, aboutStatePresident, org, posts, T0)).toMatchObject({ code: 'GUARD.NOT_VISIBLE' });
    expect(sut({ unitCode: 'IN', roles: ['aicc-admin'] }, aboutStatePresident, org, posts, T0)).toEqual({ ok: true });
  });

  it('grants nothing for a role claimed at the wrong level', () => {
    expect(sut({ unitCode: 'JH-RAN', roles: ['state-hq'] }, aboutKankePresident, org, posts, T0)).toMatchObject({ code: 'ACCESS.ROLE_NOT_AT_LEVEL' });
  });
});

describe(canAssign.name, () => {
  const sut = canAssign;
  const aboutKankePresident = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;

  it('lets the desk hand the case to a colleague of its committee', () => {
    expect(sut(aboutKankePresident, M.ranchiSecretary, org, posts, T0)).toEqual({ ok: true });
  });

  it.each([
    [M.kankePresident, 'GUARD.ASSIGNEE_CONFLICTED'],
    [M.kankeSecretary, 'GUARD.ASSIGNEE_CONFLICTED'],
    [M.khuntiPresident, 'GUARD.ASSIGNEE_NOT_AT_DESK'],
    ['mbr_unknown_member', 'GUARD.ASSIGNEE_INACTIVE'],
  ])('refuses %s (%s)', (memberId, code) => {
    expect(sut(aboutKankePresident, memberId, org, posts, T0)).toMatchObject({ ok: false, code });
  });
});
