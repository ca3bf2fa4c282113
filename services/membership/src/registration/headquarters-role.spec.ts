import type { Principal } from '../access/unit-access';
import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { headquartersRoleOf } from './headquarters-role';

const tree = jharkhandTree();

describe(headquartersRoleOf.name, () => {
  const sut = headquartersRoleOf;

  it.each<[Principal, unknown]>([
    [{ unitCode: 'IN', roles: ['aicc-admin'] }, { role: 'aicc-admin', unitCode: 'IN' }],
    [{ unitCode: 'JH', roles: ['office-bearer', 'state-hq'] }, { role: 'state-hq', unitCode: 'JH' }],
    [{ unitCode: 'jh', roles: ['state-hq'] }, { role: 'state-hq', unitCode: 'JH' }],
  ])('finds the role of %j', (principal, expected) => {
    expect(sut(tree, principal)).toEqual(expected);
  });

  it.each<[Principal, string]>([
    [{ unitCode: 'JH-RAN', roles: ['office-bearer'] }, 'an office-bearer'],
    [{ unitCode: 'JH-RAN', roles: ['state-hq'] }, 'a state HQ role claimed at a district'],
    [{ unitCode: 'JH', roles: ['aicc-admin'] }, 'an AICC role claimed at a state'],
    [{ unitCode: 'NOWHERE', roles: ['aicc-admin'] }, 'an unknown unit'],
  ])('finds none for %j (%s)', (principal) => {
    expect(sut(tree, principal)).toBeUndefined();
  });
});
