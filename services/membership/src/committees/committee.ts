import type { OrgTree } from '../organisation/org-tree';
import type { UnitLevel } from '../organisation/unit';
import { reject, type Rejection } from '../shared/rejection';

/** AICC is the national unit; its people act through roles (see access), not through a committee here. */
export const COMMITTEE_LEVELS = ['state', 'district', 'block', 'panchayat'] as const satisfies readonly UnitLevel[];

export type CommitteeLevel = (typeof COMMITTEE_LEVELS)[number];

/** A unit has at most one committee, so the committee is named by its unit. */
export interface Committee {
  readonly unitCode: string;
  readonly level: CommitteeLevel;
}

export type CommitteeCode = 'COMMITTEE.UNKNOWN_UNIT' | 'COMMITTEE.NO_COMMITTEE_AT_LEVEL';

export function hasCommittee(level: UnitLevel): level is CommitteeLevel {
  return (COMMITTEE_LEVELS as readonly UnitLevel[]).includes(level);
}

export function committeeOf(tree: OrgTree, unitCode: string): { ok: true; committee: Committee } | Rejection<CommitteeCode> {
  const unit = tree.get(unitCode);
  if (!unit) return reject('COMMITTEE.UNKNOWN_UNIT', `${unitCode} is not a known unit`);
  if (!hasCommittee(unit.level)) {
    return reject(
      'COMMITTEE.NO_COMMITTEE_AT_LEVEL',
      `${unit.code} is a ${unit.level} unit; committees sit at the ${COMMITTEE_LEVELS.join(', ')} levels`,
    );
  }
  return { ok: true, committee: { unitCode: unit.code, level: unit.level } };
}
