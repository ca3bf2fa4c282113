import type { OrgModel, UnitInfo } from './org-model';

export interface SilentUnit {
  unitCode: string;
  level: 'block' | 'panchayat';
  nameEn: string;
  nameHi?: string;
  districtCode?: string;
  /** ISO instant of the last report, or null: never heard from. */
  lastReportAt: string | null;
  /** Whole days since then (null: never). */
  silentDays: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Blocks and panchayats of a subtree with no report for `days` days before `now` (or never), the
 * longest-silent first (never-heard-from before all). `lastReportAt` says when a unit's own
 * subtree last reported: a report from a panchayat also keeps its block from being silent.
 */
export function silentUnits(
  org: OrgModel,
  lastReportAt: (code: string) => Date | undefined,
  scopeCode: string,
  days: number,
  now: Date,
  levels: ReadonlyArray<'block' | 'panchayat'> = ['block', 'panchayat'],
): SilentUnit[] {
  const threshold = now.getTime() - days * DAY_MS;
  const silent: SilentUnit[] = [];
  for (const level of levels) {
    for (const unit of org.descendantsAt(scopeCode, level) as Array<UnitInfo & { level: typeof level }>) {
      const last = lastReportAt(unit.code);
      if (last && last.getTime() > threshold) continue;
      silent.push({
        unitCode: unit.code,
        level,
        nameEn: unit.nameEn,
        ...(unit.nameHi ? { nameHi: unit.nameHi } : {}),
        ...(unit.path[2] ? { districtCode: unit.path[2] } : {}),
        lastReportAt: last ? last.toISOString() : null,
        silentDays: last ? Math.floor((now.getTime() - last.getTime()) / DAY_MS) : null,
      });
    }
  }
  return silent.sort((a, b) => (b.silentDays ?? Infinity) - (a.silentDays ?? Infinity) || a.unitCode.localeCompare(b.unitCode));
}
