import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { authorizeUnit, type Principal } from './unit-access';

const tree = jharkhandTree();
const aicc: Principal = { unitCode: 'IN', roles: ['aicc-admin'] };
const jharkhandHq: Principal = { unitCode: 'JH', roles: ['state-hq'] };
const ranchiPresident: Principal = { memberId: 'm-1', unitCode: 'JH-RAN', roles: ['office-bearer'] };
const angaraPresident: Principal = { memberId: 'm-2', unitCode: 'JH-RAN-ANGARA', roles: ['office-bearer'] };

describe(authorizeUnit.name, () => {
  const sut = authorizeUnit;

  it.each(['IN', 'JH', 'BR', 'JH-KHU', 'JH-RAN-ANGARA', '346201'])('lets AICC manage %s', (unitCode) => {
    expect(sut(tree, aicc, unitCode)).toEqual({ ok: true, scope: 'IN' });
  });

  it.each(['JH', 'JH-RAN', 'JH-KHU-ARKI', '345001'])('lets the Jharkhand HQ manage %s', (unitCode) => {
    expect(sut(tree, jharkhandHq, unitCode)).toEqual({ ok: true, scope: 'JH' });
  });

  it.each(['BR', 'WB', 'IN'])('refuses the Jharkhand HQ %s', (unitCode) => {
    expect(sut(tree, jharkhandHq, unitCode)).toEqual({
      ok: false,
      code: 'ACCESS.OUTSIDE_SUBTREE',
      reason: `${unitCode} is outside JH, the unit the caller manages`,
    });
  });

  it.each(['JH-RAN', 'jh-ran-angara', 'JH-RAN-KANKE', '345001', '345101'])('lets the Ranchi district president manage %s', (unitCode) => {
    expect(sut(tree, ranchiPresident, unitCode)).toEqual({ ok: true, scope: 'JH-RAN' });
  });

  it.each([
    ['JH-KHU', 'another district'],
    ['346201', 'a panchayat of another district'],
    ['JH', 'the state above'],
    ['IN', 'the national unit'],
    ['BR-PAT', 'an unknown unit, which is refused as unknown'],
  ])('refuses the Ranchi district president %s (%s)', (unitCode) => {
    expect(sut(tree, ranchiPresident, unitCode)).toMatchObject({
      ok: false,
      code: unitCode === 'BR-PAT' ? 'ACCESS.UNKNOWN_UNIT' : 'ACCESS.OUTSIDE_SUBTREE',
    });
  });

  it('lets a block office-bearer manage their block and its panchayats only', () => {
    expect(sut(tree, angaraPresident, '345002').ok).toBe(true);
    expect(sut(tree, angaraPresident, 'JH-RAN-KANKE')).toMatchObject({ ok: false, code: 'ACCESS.OUTSIDE_SUBTREE' });
    expect(sut(tree, angaraPresident, 'JH-RAN')).toMatchObject({ ok: false, code: 'ACCESS.OUTSIDE_SUBTREE' });
  });

  it.each<[string, Principal]>([
    ['aicc-admin claimed at a state', { unitCode: 'JH', roles: ['aicc-admin'] }],
    ['state-hq claimed at a district', { unitCode: 'JH-RAN', roles: ['state-hq'] }],
    ['office-bearer claimed at the national unit', { unitCode: 'IN', roles: ['office-bearer'] }],
    ['a role that does not exist', { unitCode: 'IN', roles: ['superuser' as never] }],
  ])('grants nothing for %s', (_, principal) => {
    expect(sut(tree, principal, 'JH-RAN-ANGARA')).toMatchObject({ ok: false, code: 'ACCESS.ROLE_NOT_AT_LEVEL' });
  });

  it('takes any role that fits the level', () => {
    expect(sut(tree, { unitCode: 'JH', roles: ['aicc-admin', 'office-bearer'] }, 'JH-RAN').ok).toBe(true);
  });

  it('refuses a caller without a role or with an unknown unit', () => {
    expect(sut(tree, { unitCode: 'JH', roles: [] }, 'JH')).toEqual({ ok: false, code: 'ACCESS.NO_ROLE', reason: 'the caller has no role' });
    expect(sut(tree, { unitCode: 'XX', roles: ['state-hq'] }, 'JH')).toMatchObject({ ok: false, code: 'ACCESS.UNKNOWN_PRINCIPAL_UNIT' });
  });

  it('decides by the tree, not by the codes', () => {
    const misleading = jharkhandTree();
    misleading.addAll([{ code: 'JH-RAN-X', level: 'panchayat', parentCode: 'JH-KHU-ARKI', nameEn: 'Misleading' }]);

    expect(sut(misleading, ranchiPresident, 'JH-RAN-X')).toMatchObject({ ok: false, code: 'ACCESS.OUTSIDE_SUBTREE' });
    expect(sut(misleading, { unitCode: 'JH-KHU', roles: ['office-bearer'] }, 'JH-RAN-X').ok).toBe(true);
  });
});
