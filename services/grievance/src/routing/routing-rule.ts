import { z } from 'zod';
import { ComplaintCategories, PostKinds, UnitLevels, type ComplaintCategory, type UnitLevel, DeskRoles, type Feed } from '@cc/contracts';
import type { CaseSubject } from '../cases/case';
import type { DeskPreferences, DeskSpec } from '../guard/desks';

/** Where the handling desk sits, relative to the unit the complaint concerns; never below it. */
export const HandlerLevels = ['same', 'parent', 'district', 'state', 'national'] as const;
export type HandlerLevel = (typeof HandlerLevels)[number];

/** What a rule can say about the subject; `any` matches every case. */
export const RuleSubjects = ['office-bearer', 'bdo', 'co', 'any'] as const;
export type RuleSubject = (typeof RuleSubjects)[number];

/** The subject classes a case falls in; `other` is a case about nobody in particular. */
export const SUBJECT_CLASSES = ['office-bearer', 'bdo', 'co', 'other'] as const;
export type SubjectClass = (typeof SUBJECT_CLASSES)[number];

export const AlsoNotifyTargets = ['state-feed', 'national-feed'] as const;
export type AlsoNotify = (typeof AlsoNotifyTargets)[number];

export const FEED_OF: Readonly<Record<AlsoNotify, Feed>> = { 'state-feed': 'state', 'national-feed': 'national' };

/**
 * category × level of the unit concerned × subject → the desk that handles it. Data, edited
 * through the API, versioned as a whole {@link RuleSet}.
 */
export interface RoutingRule {
  readonly id: string;
  readonly category: ComplaintCategory | '*';
  readonly unitLevel: UnitLevel | '*';
  readonly subject: RuleSubject;
  readonly handler: { readonly level: HandlerLevel; readonly desk: DeskSpec };
  readonly alsoNotify?: readonly AlsoNotify[];
}

export interface RuleSet {
  readonly version: number;
  readonly rules: readonly RoutingRule[];
  /** Desks to try, per level, when a rule's desk is vacant or conflicted, and on escalation. */
  readonly escalation: DeskPreferences;
  readonly createdAt: Date;
  readonly createdBy: string;
}

export function subjectClassOf(subject: CaseSubject): SubjectClass {
  if (subject.kind === 'office-bearer' || subject.kind === 'member') return 'office-bearer';
  if (subject.kind === 'government-office') return subject.office;
  return 'other';
}

/**
 * The rule for a case: the most specific one that matches. An exact category outweighs an exact
 * level, which outweighs an exact subject; two matching rules can tie only if they say the same
 * thing, which validation refuses.
 */
export function matchRule(rules: readonly RoutingRule[], category: ComplaintCategory, level: UnitLevel, subject: SubjectClass): RoutingRule | undefined {
  let best: { rule: RoutingRule; score: number } | undefined;
  for (const rule of rules) {
    if (rule.category !== '*' && rule.category !== category) continue;
    if (rule.unitLevel !== '*' && rule.unitLevel !== level) continue;
    if (rule.subject !== 'any' && rule.subject !== subject) continue;
    const score = (rule.category !== '*' ? 4 : 0) + (rule.unitLevel !== '*' ? 2 : 0) + (rule.subject !== 'any' ? 1 : 0);
    if (!best || score > best.score) best = { rule, score };
  }
  return best?.rule;
}

const deskSpecSchema = z.enum([...PostKinds, ...DeskRoles]);

export const routingRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a rule id: lower-case letters, digits and -, at most 64'),
  category: z.enum([...ComplaintCategories, '*']),
  unitLevel: z.enum([...UnitLevels, '*']),
  subject: z.enum(RuleSubjects),
  handler: z.strictObject({ level: z.enum(HandlerLevels), desk: deskSpecSchema }),
  alsoNotify: z.array(z.enum(AlsoNotifyTargets)).max(AlsoNotifyTargets.length).optional(),
});

export const deskPreferencesSchema = z.strictObject(
  Object.fromEntries(UnitLevels.map((level) => [level, z.array(deskSpecSchema).min(1).max(5)])) as Record<UnitLevel, z.ZodArray<typeof deskSpecSchema>>,
);

/** What the API accepts to replace the rules: all of them at once, so a version is a whole. */
export const ruleSetInputSchema = z.strictObject({
  rules: z.array(routingRuleSchema).min(1).max(500),
  escalation: deskPreferencesSchema.optional(),
});
