import { ROLE_LEVELS, type Principal } from '../access/unit-access';
import type { OrgTree } from '../organisation/org-tree';
import type { HeadquartersRole } from './pending-registration';

const HEADQUARTERS_ROLES = ['aicc-admin', 'state-hq'] as const;

/**
 * The headquarters role a caller holds at the unit they act for, if any: AICC at the national
 * unit, state HQ at a state. A role claimed at another level grants nothing, as in `authorizeUnit`.
 */
export function headquartersRoleOf(tree: OrgTree, principal: Pick<Principal, 'unitCode' | 'roles'>): HeadquartersRole | undefined {
  const home = tree.get(principal.unitCode);
  if (!home) return undefined;
  const role = HEADQUARTERS_ROLES.find((each) => principal.roles.includes(each) && (ROLE_LEVELS[each] as readonly string[]).includes(home.level));
  return role ? { role, unitCode: home.code } : undefined;
}
