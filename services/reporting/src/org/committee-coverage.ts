import type { PostKind } from '@cc/contracts';
import type { OrgModel, UnitInfo } from './org-model';

/**
 * The rule, since membership's unit events always say `committeeFormed: false`: a unit's committee
 * is **formed** when an active member holds its president's post now, and its **posts are filled**
 * when, besides the president, active members hold a secretary (general secretary or secretary)
 * and the treasurer. Vacant posts of suspended or departed members do not count.
 */
export const FILLED_RULE: ReadonlyArray<readonly PostKind[]> = [['president'], ['general-secretary', 'secretary'], ['treasurer']];

export type CommitteeState = 'none' | 'formed' | 'filled';

export function committeeState(posts: ReadonlySet<PostKind> | undefined): CommitteeState {
  if (!posts?.has('president')) return 'none';
  return FILLED_RULE.every((anyOf) => anyOf.some((post) => posts.has(post))) ? 'filled' : 'formed';
}

export interface LevelCoverage {
  units: number;
  formed: number;
  filled: number;
  /** formed / units, 0..1 (0 without units). */
  formedShare: number;
  filledShare: number;
}

export interface DistrictCoverage {
  unitCode: string;
  nameEn: string;
  nameHi?: string;
  blocks: LevelCoverage;
  panchayats: LevelCoverage;
}

function levelCoverage(units: readonly UnitInfo[], byUnit: Map<string, Set<PostKind>>): LevelCoverage {
  let formed = 0;
  let filled = 0;
  for (const unit of units) {
    const state = committeeState(byUnit.get(unit.code));
    if (state !== 'none') formed++;
    if (state === 'filled') filled++;
  }
  const share = (n: number) => (units.length === 0 ? 0 : Math.round((n / units.length) * 1000) / 1000);
  return { units: units.length, formed, filled, formedShare: share(formed), filledShare: share(filled) };
}

/** Committee coverage of blocks and panchayats, per district of the subtree (a block or panchayat scope: its own district, restricted to the subtree). */
export function committeeCoverage(org: OrgModel, scopeCode: string): { districts: DistrictCoverage[]; total: { blocks: LevelCoverage; panchayats: LevelCoverage } } {
  const byUnit = org.postsByUnit();
  const scope = org.get(scopeCode);
  if (!scope) return { districts: [], total: { blocks: levelCoverage([], byUnit), panchayats: levelCoverage([], byUnit) } };
  const districts = ['national', 'state', 'district'].includes(scope.level) ? org.descendantsAt(scopeCode, 'district') : [org.get(scope.path[2]!)!].filter(Boolean);
  const inScope = (unit: UnitInfo) => unit.path.includes(scopeCode);
  const rows = districts.map((district) => ({
    unitCode: district.code,
    nameEn: district.nameEn,
    ...(district.nameHi ? { nameHi: district.nameHi } : {}),
    blocks: levelCoverage(org.descendantsAt(district.code, 'block').filter(inScope), byUnit),
    panchayats: levelCoverage(org.descendantsAt(district.code, 'panchayat').filter(inScope), byUnit),
  }));
  const all = (level: 'block' | 'panchayat') => org.descendantsAt(scopeCode, level);
  return { districts: rows, total: { blocks: levelCoverage(all('block'), byUnit), panchayats: levelCoverage(all('panchayat'), byUnit) } };
}
