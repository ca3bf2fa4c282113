import { ROLE_LEVELS as AUTH_ROLE_LEVELS } from '@cc/auth';
import type { UnitLevel } from '@cc/contracts';
import type { OrgUnitRef, OrgView } from '../org/org-view';
import { reject, type Rejection } from './rejection';

/**
 * The level each role is held at (the shared roles from libs/auth); a role claimed at another
 * level grants nothing. `grievance-unmask` is granted on its own, on top of an HQ role: seeing who complained
 * is never a side effect of being at the HQ.
 */
export const ROLE_LEVELS = {
  ...AUTH_ROLE_LEVELS,
  'grievance-unmask': ['state', 'national'],
} as const satisfies Record<string, readonly UnitLevel[]>;

export type Role = keyof typeof ROLE_LEVELS;

/** Who is calling, as authentication established it: the unit they act for and their roles there. */
export interface Principal {
  memberId?: string;
  unitCode: string;
  roles: readonly Role[];
}

export type PrincipalCode = 'ACCESS.NO_ROLE' | 'ACCESS.UNKNOWN_PRINCIPAL_UNIT' | 'ACCESS.ROLE_NOT_AT_LEVEL';

/** The principal's unit and the roles that fit its level; fails closed. */
export function principalScope(
  principal: Principal,
  org: OrgView,
): { ok: true; unit: OrgUnitRef; roles: readonly Role[] } | Rejection<PrincipalCode> {
  if (principal.roles.length === 0) return reject('ACCESS.NO_ROLE', 'the caller has no role');
  const unit = org.get(principal.unitCode);
  if (!unit) return reject('ACCESS.UNKNOWN_PRINCIPAL_UNIT', `the caller acts for ${principal.unitCode}, which is not a known unit`);
  const roles = principal.roles.filter((role) => (ROLE_LEVELS[role] as readonly UnitLevel[] | undefined)?.includes(unit.level));
  if (roles.length === 0) {
    return reject('ACCESS.ROLE_NOT_AT_LEVEL', `the roles ${principal.roles.join(', ')} cannot be held at ${unit.code}, a ${unit.level} unit`);
  }
  return { ok: true, unit, roles };
}
