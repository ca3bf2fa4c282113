import { type UnitLevel } from '@cc/contracts';
import type { Case } from '../cases/case';
import type { SkippedUnit } from '../cases/case-lifecycle';
import { isPathExcluded } from '../cases/case-guard';
import { isAbove } from '../org/org-view';
import { reject, type Rejection } from '../shared/rejection';
import { eligibleDeskAt, type DeskChoice, type DeskContext } from './desks';

export type EscalationTargetCode = 'GUARD.UNKNOWN_UNIT' | 'GUARD.NO_ESCALATION_TARGET';

export interface EscalationTargetOptions {
  /** Skip every level below this one (the ceiling sends a case straight to the state HQ). */
  readonly atLeast?: UnitLevel;
  /** Consider the starting unit itself first (routing, when the rule's desk there is vacant). */
  readonly includeFrom?: boolean;
}

/**
 * The next desk up the chain block → district → state HQ → AICC that may take the case: units
 * within an excluded unit are passed over (conflict of interest), and so are units whose desks
 * have no eligible holder (vacant), each recorded for the audit trail.
 */
export function escalationTarget(
  c: Pick<Case, 'guard'>,
  fromUnitCode: string,
  ctx: DeskContext,
  options: EscalationTargetOptions = {},
): { ok: true; choice: DeskChoice; skipped: SkippedUnit[] } | Rejection<EscalationTargetCode> {
  const path = ctx.org.pathOf(fromUnitCode);
  if (!path) return reject('GUARD.UNKNOWN_UNIT', `${fromUnitCode} is not a known unit`);
  const chain = [...path].reverse().slice(options.includeFrom ? 0 : 1);
  const skipped: SkippedUnit[] = [];
  for (const code of chain) {
    const unit = ctx.org.get(code)!;
    if (options.atLeast && isAbove(options.atLeast, unit.level)) continue;
    if (isPathExcluded(c.guard, unit.path)) {
      skipped.push({ unitCode: unit.code, why: 'conflict-of-interest' });
      continue;
    }
    const choice = eligibleDeskAt(c.guard, unit, ctx.preferences[unit.level], ctx);
    if (choice) return { ok: true, choice, skipped };
    skipped.push({ unitCode: unit.code, why: 'vacant' });
  }
  return reject('GUARD.NO_ESCALATION_TARGET', `no unit above ${fromUnitCode} may take the case`);
}
