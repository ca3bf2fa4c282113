import { z } from 'zod';
import { ComplaintCategories, UnitLevels, type ComplaintCategory, type UnitLevel } from '@cc/contracts';
import { SEVERITIES, type Severity } from '../recognition/severity';
import { DAY, days, hours, type Millis } from '../shared/duration';
import { reject, type Rejection } from '../shared/rejection';

/** How long the desk at a level has, for a category (or `*` for any). */
export interface SlaTarget {
  readonly category: ComplaintCategory | '*';
  /** The level of the desk handling the case, not of the unit it concerns. */
  readonly level: UnitLevel | '*';
  readonly acknowledgeWithin: Millis;
  readonly resolveWithin: Millis;
}

export interface SlaPolicy {
  readonly version: number;
  readonly targets: readonly SlaTarget[];
  /** No case may stay below `level` for longer than `within` after it was opened, whatever the targets say. */
  readonly ceiling: { readonly within: Millis; readonly level: UnitLevel };
  /** How long after a resolution the reporter may reopen or appeal; then the case closes. */
  readonly reopenWindow: Millis;
  /** Deadlines are multiplied by these: a threat to someone's safety does not wait three days. */
  readonly severityFactor: Readonly<Record<Severity, number>>;
  /**
   * How far into the desk's time (0-1) it is reminded of a deadline it has not met yet, once per
   * deadline; absent: no reminders.
   */
  readonly reminderAt?: number;
}

/**
 * A day to acknowledge at every level; three days to resolve at a block or panchayat, five at a
 * district, a week at the state HQ, two at AICC. A complaint left alone thus reaches the state
 * HQ in about ten days; the 21-day ceiling is the backstop for cases whose clocks were restarted
 * (reopened, appealed) or whose targets someone lengthened.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  version: 1,
  targets: [
    { category: '*', level: '*', acknowledgeWithin: days(1), resolveWithin: days(3) },
    { category: '*', level: 'district', acknowledgeWithin: days(1), resolveWithin: days(5) },
    { category: '*', level: 'state', acknowledgeWithin: days(1), resolveWithin: days(7) },
    { category: '*', level: 'national', acknowledgeWithin: days(2), resolveWithin: days(14) },
    { category: 'bdo-conduct', level: 'district', acknowledgeWithin: hours(12), resolveWithin: days(5) },
    { category: 'co-conduct', level: 'district', acknowledgeWithin: hours(12), resolveWithin: days(5) },
  ],
  ceiling: { within: days(21), level: 'state' },
  reopenWindow: days(7),
  severityFactor: { normal: 1, high: 0.5, critical: 0.25 },
  reminderAt: 0.75,
};

/** The most specific target: an exact category counts more than an exact level. */
export function targetFor(policy: SlaPolicy, category: ComplaintCategory, level: UnitLevel): SlaTarget | undefined {
  let best: { target: SlaTarget; score: number } | undefined;
  for (const target of policy.targets) {
    if ((target.category !== '*' && target.category !== category) || (target.level !== '*' && target.level !== level)) continue;
    const score = (target.category === category ? 2 : 0) + (target.level === level ? 1 : 0);
    if (!best || score > best.score) best = { target, score };
  }
  return best?.target;
}

export type SlaPolicyCode = 'SLA.INVALID_POLICY';

const duration = z.number().int().positive().max(365 * DAY);

const slaPolicySchema = z.strictObject({
  version: z.number().int().positive(),
  targets: z
    .array(
      z.strictObject({
        category: z.enum([...ComplaintCategories, '*']),
        level: z.enum([...UnitLevels, '*']),
        acknowledgeWithin: duration,
        resolveWithin: duration,
      }),
    )
    .min(1)
    .max(200),
  ceiling: z.strictObject({ within: duration, level: z.enum(UnitLevels) }),
  reopenWindow: duration,
  severityFactor: z.strictObject(Object.fromEntries(SEVERITIES.map((severity) => [severity, z.number().gt(0).max(1)])) as Record<Severity, z.ZodNumber>),
  reminderAt: z.number().gt(0).lt(1).optional(),
});

/**
 * A policy from the API: well-formed, a target for every category at every level, each target's
 * acknowledgement due before its resolution, no two targets for the same category and level.
 */
export function parseSlaPolicy(input: unknown): { ok: true; policy: SlaPolicy } | (Rejection<SlaPolicyCode> & { problems: string[] }) {
  const parsed = slaPolicySchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'policy'}: ${issue.message}`);
    return { ...reject('SLA.INVALID_POLICY', problems.join('; ')), problems };
  }
  const policy = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  policy.targets.forEach((target, index) => {
    const key = `${target.category}×${target.level}`;
    if (seen.has(key)) problems.push(`targets.${index}: a second target for ${key}`);
    seen.add(key);
    if (target.acknowledgeWithin > target.resolveWithin) problems.push(`targets.${index}: acknowledgement is due after resolution`);
  });
  for (const category of ComplaintCategories) {
    for (const level of UnitLevels) {
      if (!targetFor(policy, category, level)) problems.push(`no target for ${category} at ${level} level`);
    }
  }
  if (problems.length > 0) return { ...reject('SLA.INVALID_POLICY', problems.join('; ')), problems };
  return { ok: true, policy };
}
