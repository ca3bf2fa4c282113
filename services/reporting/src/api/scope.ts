import { ROLE_LEVELS, type Role } from '@cc/auth';
import type { UnitLevel } from '@cc/contracts';
import type { OrgModel, UnitInfo } from '../org/org-model';

export interface Caller {
  unitCode: string;
  roles: readonly string[];
}

export type ScopeResult = { ok: true; unit: UnitInfo } | { ok: false; status: 400 | 403; code: string; message: string };

/**
 * The unit a query may read: the caller's own unit by default, or one inside its subtree (AICC
 * everything, a state HQ its state, a district president their district). A role claimed at a
 * unit of another level grants nothing; an unknown caller unit fails closed.
 */
export function scopeFor(caller: Caller, org: OrgModel, requested: string | undefined): ScopeResult {
  const home = org.get(caller.unitCode);
  if (!home) return { ok: false, status: 403, code: 'ACCESS.UNKNOWN_PRINCIPAL_UNIT', message: `the caller acts for ${caller.unitCode}, which is not a known unit` };
  const fits = caller.roles.some((role) => (ROLE_LEVELS[role as Role] as readonly UnitLevel[] | undefined)?.includes(home.level));
  if (!fits) return { ok: false, status: 403, code: 'ACCESS.ROLE_NOT_AT_LEVEL', message: `the roles ${caller.roles.join(', ')} cannot be held at ${home.code}, a ${home.level} unit` };
  if (requested === undefined || requested === home.code) return { ok: true, unit: home };
  const unit = org.get(requested);
  if (!unit) return { ok: false, status: 400, code: 'QUERY.UNKNOWN_UNIT', message: `unit ${requested} is not known` };
  if (!unit.path.includes(home.code)) return { ok: false, status: 403, code: 'ACCESS.OUTSIDE_SUBTREE', message: `${requested} is outside ${home.code}` };
  return { ok: true, unit };
}
