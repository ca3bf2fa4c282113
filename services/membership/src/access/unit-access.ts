import { type Role, ROLE_LEVELS } from '@cc/auth';
import type { OrgTree } from '../organisation/org-tree';
import type { UnitLevel } from '../organisation/unit';
import { reject, type Rejection } from '../shared/rejection';

export { ROLE_LEVELS, type Role };

/** Who is calling, as authentication established it: the unit they act for and their roles there. */
export interface Principal {
  memberId?: string;
  unitCode: string;
  roles: readonly Role[];
}

export type AccessCode =
  | 'ACCESS.NO_ROLE'
  | 'ACCESS.UNKNOWN_PRINCIPAL_UNIT'
  | 'ACCESS.ROLE_NOT_AT_LEVEL'
  | 'ACCESS.UNKNOWN_UNIT'
  | 'ACCESS.OUTSIDE_SUBTREE';

/**
 * Whether a principal may manage a unit (its members, committees, posts, sub-units): only within
 * the subtree of the unit they act for, so a district president manages their district and
 * nothing beside or above it, a state HQ its state, AICC (the national unit) everything. Fails
 * closed: an unknown unit or a role claimed at the wrong level grants nothing.
 */
export function authorizeUnit(
  tree: OrgTree,
  principal: Principal,
  unitCode: string,
): { ok: true; scope: string } | Rejection<AccessCode> {
  if (principal.roles.length === 0) return reject('ACCESS.NO_ROLE', 'the caller has no role');
  const home = tree.get(principal.unitCode);
  if (!home) return reject('ACCESS.UNKNOWN_PRINCIPAL_UNIT', `the caller acts for ${principal.unitCode}, which is not a known unit`);
  const fitting = principal.roles.filter((role) => (ROLE_LEVELS[role] as readonly UnitLevel[] | undefined)?.includes(home.level));
  if (fitting.length === 0) {
    return reject(
      'ACCESS.ROLE_NOT_AT_LEVEL',
      `the role${principal.roles.length > 1 ? 's' : ''} ${principal.roles.join(', ')} cannot be held at ${home.code}, a ${home.level} unit`,
    );
  }
  const target = tree.get(unitCode);
  if (!target) return reject('ACCESS.UNKNOWN_UNIT', `${unitCode} is not a known unit`);
  if (!tree.isWithin(target.code, home.code)) {
    return reject('ACCESS.OUTSIDE_SUBTREE', `${target.code} is outside ${home.code}, the unit the caller manages`);
  }
  return { ok: true, scope: home.code };
}
