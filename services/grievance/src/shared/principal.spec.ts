import { orgView } from '../org/fixtures/org.fixtures';
import { principalScope } from './principal';

describe(principalScope.name, () => {
  const org = orgView();

  it('keeps the roles that fit the unit’s level', () => {
    expect(principalScope({ unitCode: 'JH', roles: ['state-hq', 'grievance-unmask', 'aicc-admin'] }, org)).toMatchObject({
      ok: true,
      unit: { code: 'JH' },
      roles: ['state-hq', 'grievance-unmask'],
    });
  });

  it('fails closed', () => {
    expect(principalScope({ unitCode: 'JH', roles: [] }, org)).toMatchObject({ ok: false, code: 'ACCESS.NO_ROLE' });
    expect(principalScope({ unitCode: 'XX', roles: ['state-hq'] }, org)).toMatchObject({ ok: false, code: 'ACCESS.UNKNOWN_PRINCIPAL_UNIT' });
    expect(principalScope({ unitCode: 'JH-RAN', roles: ['grievance-unmask'] }, org)).toMatchObject({ ok: false, code: 'ACCESS.ROLE_NOT_AT_LEVEL' });
  });
});
