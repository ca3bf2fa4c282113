import { z } from 'zod';
import { reject, type Rejection } from '../shared/rejection';

/** From the top down; a unit's parent is always exactly one level above it. */
export const UNIT_LEVELS = ['national', 'state', 'district', 'block', 'panchayat'] as const;

export type UnitLevel = (typeof UNIT_LEVELS)[number];

export interface Unit {
  /** Upper case. Imported panchayat codes may be anything (LGD numbers), so nothing reads structure from them. */
  readonly code: string;
  readonly level: UnitLevel;
  /** Absent for the national unit only. */
  readonly parentCode?: string;
  readonly nameEn: string;
  readonly nameHi?: string;
}

export type UnitCode = 'ORG.INVALID_UNIT';

/** 2 to 32 characters, as `declaredUnitCode` in the report contract; upper case once canonical. */
export const UNIT_CODE = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;
export const UNIT_CODE_RULE = 'a unit code is 2 to 32 letters, digits, ".", "_" or "-"';

export const unitCodeSchema = z.string().trim().toUpperCase().regex(UNIT_CODE, UNIT_CODE_RULE);

const nameSchema = z
  .string()
  .trim()
  .min(1, 'is missing')
  .max(128, 'is longer than 128 characters')
  .regex(/^[^\p{Cc}]*$/u, 'contains control characters');

const unitSchema = z
  .strictObject({
    code: unitCodeSchema,
    level: z.enum(UNIT_LEVELS, `the level is one of ${UNIT_LEVELS.join(', ')}`),
    parentCode: unitCodeSchema.optional(),
    nameEn: nameSchema,
    nameHi: nameSchema.optional(),
  })
  .superRefine((unit, ctx) => {
    if (unit.level === 'national' && unit.parentCode !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['parentCode'], message: 'the national unit has no parent' });
    }
    if (unit.level !== 'national' && unit.parentCode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['parentCode'], message: `a ${unit.level} needs a parent` });
    }
  });

export interface UnitInput {
  code: string;
  level: string;
  /** Blank reads as absent, as an empty CSV cell. */
  parentCode?: string;
  nameEn: string;
  /** Blank reads as absent: the reference data has no Hindi names for blocks. */
  nameHi?: string;
}

const FIELD_NAMES: Record<string, string> = {
  code: 'code',
  level: 'level',
  parentCode: 'parent',
  nameEn: 'English name',
  nameHi: 'Hindi name',
};

/** A unit from untrusted input: codes in upper case, names trimmed, the parent required below national. */
export function parseUnit(input: UnitInput): { ok: true; unit: Unit } | Rejection<UnitCode> {
  const parsed = unitSchema.safeParse({
    ...input,
    parentCode: blankAsAbsent(input.parentCode),
    nameHi: blankAsAbsent(input.nameHi),
  });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => {
      const field = FIELD_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
      return issue.code === 'custom' || issue.path[0] === 'level' ? issue.message : `${field}: ${issue.message}`;
    });
    return reject('ORG.INVALID_UNIT', reasons.join('; '));
  }
  const { nameHi, parentCode, ...rest } = parsed.data;
  return {
    ok: true,
    unit: Object.freeze({ ...rest, ...(parentCode ? { parentCode } : {}), ...(nameHi ? { nameHi } : {}) }),
  };
}

/** The level a parent of `level` must have; none for national. */
export function parentLevelOf(level: UnitLevel): UnitLevel | undefined {
  const index = UNIT_LEVELS.indexOf(level);
  return index > 0 ? UNIT_LEVELS[index - 1] : undefined;
}

export function canParent(parent: UnitLevel, child: UnitLevel): boolean {
  return parentLevelOf(child) === parent;
}

function blankAsAbsent(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

/** Codes are compared in upper case, as `parseUnit` stores them. */
export function canonicalUnitCode(code: string): string {
  return code.trim().toUpperCase();
}
