import { UnitLevels, type OrgUnit, type UnitLevel } from '@cc/contracts';
import { reject, type Rejection } from '../shared/rejection';

/** What grievance needs to know of a unit: where it sits. Names stay with membership. */
export interface OrgUnitRef {
  readonly code: string;
  readonly level: UnitLevel;
  readonly parentCode?: string;
  /** Codes from the national unit down to this one. */
  readonly path: readonly string[];
}

/** The organisation as grievance sees it; implemented by {@link OrgReadModel}, faked nowhere. */
export interface OrgView {
  get(code: string): OrgUnitRef | undefined;
  pathOf(code: string): readonly string[] | undefined;
  parentOf(code: string): OrgUnitRef | undefined;
  levelOf(code: string): UnitLevel | undefined;
  /** Whether `code` is `ancestorCode` or below it; false when either is unknown. */
  isWithin(code: string, ancestorCode: string): boolean;
  /** The unit itself or its ancestor at `level`; undefined when the unit sits above that level. */
  ancestorAt(code: string, level: UnitLevel): OrgUnitRef | undefined;
}

/** 0 for national, 4 for panchayat: a smaller rank is higher up. */
export function levelRank(level: UnitLevel): number {
  return UnitLevels.indexOf(level);
}

export function isAbove(level: UnitLevel, other: UnitLevel): boolean {
  return levelRank(level) < levelRank(other);
}

export type OrgReadModelCode = 'ORG.INCONSISTENT_UNIT';

/**
 * The units topic (compacted, latest record per code) folded into memory. Records may come in any
 * order, a block before its district, because each carries its whole path; applying one twice
 * changes nothing.
 */
export class OrgReadModel implements OrgView {
  private readonly units = new Map<string, OrgUnitRef>();

  static of(units: readonly OrgUnit[]): OrgReadModel {
    const model = new OrgReadModel();
    for (const unit of units) {
      const applied = model.apply(unit);
      if (!applied.ok) throw new Error(applied.reason);
    }
    return model;
  }

  get size(): number {
    return this.units.size;
  }

  apply(unit: OrgUnit): { ok: true } | Rejection<OrgReadModelCode> {
    const { code, level, parentCode, path } = unit;
    const consistent =
      path[path.length - 1] === code &&
      path.length === levelRank(level) + 1 &&
      (level === 'national' ? parentCode === undefined : path[path.length - 2] === parentCode);
    if (!consistent) {
      return reject('ORG.INCONSISTENT_UNIT', `unit ${code}: its level ${level}, parent ${parentCode ?? 'none'} and path ${path.join('/')} disagree`);
    }
    this.units.set(code, Object.freeze({ code, level, ...(parentCode ? { parentCode } : {}), path: Object.freeze([...path]) }));
    return { ok: true };
  }

  get(code: string): OrgUnitRef | undefined {
    return this.units.get(code.trim().toUpperCase());
  }

  pathOf(code: string): readonly string[] | undefined {
    return this.get(code)?.path;
  }

  parentOf(code: string): OrgUnitRef | undefined {
    const parentCode = this.get(code)?.parentCode;
    return parentCode === undefined ? undefined : this.units.get(parentCode);
  }

  levelOf(code: string): UnitLevel | undefined {
    return this.get(code)?.level;
  }

  isWithin(code: string, ancestorCode: string): boolean {
    const ancestor = this.get(ancestorCode);
    return ancestor !== undefined && (this.pathOf(code)?.includes(ancestor.code) ?? false);
  }

  ancestorAt(code: string, level: UnitLevel): OrgUnitRef | undefined {
    const path = this.pathOf(code);
    const ancestorCode = path?.[levelRank(level)];
    return ancestorCode === undefined ? undefined : this.units.get(ancestorCode);
  }
}
