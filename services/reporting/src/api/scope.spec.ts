import { org } from '../org/fixtures';
import { scopeFor } from './scope';

describe(scopeFor.name, () => {
  const model = org();

  it.each([
    [{ unitCode: 'IN', roles: ['aicc-admin'] }, 'JH-RAN-KANKE', 'JH-RAN-KANKE'],
    [{ unitCode: 'JH', roles: ['state-hq'] }, undefined, 'JH'],
    [{ unitCode: 'JH-RAN', roles: ['office-bearer'] }, 'JH-RAN-KANKE', 'JH-RAN-KANKE'],
    [{ unitCode: 'JH-RAN', roles: ['office-bearer'] }, 'JH-RAN', 'JH-RAN'],
  ])('lets %o read %s', (caller, requested, expected) => {
    expect(scopeFor(caller, model, requested)).toMatchObject({ ok: true, unit: { code: expected } });
  });

  it.each([
    [{ unitCode: 'JH-RAN', roles: ['office-bearer'] }, 'JH-KHU', 'ACCESS.OUTSIDE_SUBTREE', 403],
    [{ unitCode: 'JH-RAN', roles: ['office-bearer'] }, 'JH', 'ACCESS.OUTSIDE_SUBTREE', 403],
    [{ unitCode: 'JH', roles: ['state-hq'] }, 'BR', 'ACCESS.OUTSIDE_SUBTREE', 403],
    [{ unitCode: 'JH-RAN', roles: ['aicc-admin'] }, undefined, 'ACCESS.ROLE_NOT_AT_LEVEL', 403],
    [{ unitCode: 'JH-NOPE', roles: ['office-bearer'] }, undefined, 'ACCESS.UNKNOWN_PRINCIPAL_UNIT', 403],
    [{ unitCode: 'JH', roles: ['state-hq'] }, 'JH-NOPE', 'QUERY.UNKNOWN_UNIT', 400],
  ])('refuses %o reading %s: %s', (caller, requested, code, status) => {
    expect(scopeFor(caller, model, requested)).toMatchObject({ ok: false, code, status });
  });
});
