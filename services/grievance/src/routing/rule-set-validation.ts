import { ComplaintCategories, UnitLevels } from '@cc/contracts';
import { DEFAULT_DESK_PREFERENCES, isRoleSpec, ROLE_DESK_LEVELS, type DeskPreferences } from '../guard/desks';
import { isAbove } from '../org/org-view';
import { reject, type Rejection } from '../shared/rejection';
import { matchRule, ruleSetInputSchema, SUBJECT_CLASSES, type RoutingRule, type RuleSet } from './routing-rule';

export type RuleProblemCode =
  | 'RULES.INVALID'
  | 'RULES.DUPLICATE_ID'
  | 'RULES.DUPLICATE_MATCH'
  | 'RULES.GAP'
  | 'RULES.ROLE_LEVEL'
  | 'RULES.HANDLER_BELOW_UNIT'
  | 'RULES.ESCALATION_DEAD_END';

export interface RuleProblem {
  readonly code: RuleProblemCode;
  readonly reason: string;
  readonly ruleId?: string;
}

/**
 * Everything wrong with a rule set, all at once: no two rules with one id or one match; every
 * category × unit level × subject covered (a `*` default rule does it); role desks only at their
 * level; no desk below the unit it handles; escalation able to end at AICC.
 */
export function validateRuleSet(rules: readonly RoutingRule[], escalation: DeskPreferences): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const ids = new Set<string>();
  const matches = new Map<string, string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) problems.push({ code: 'RULES.DUPLICATE_ID', ruleId: rule.id, reason: `two rules are called ${rule.id}` });
    ids.add(rule.id);
    const key = `${rule.category} × ${rule.unitLevel} × ${rule.subject}`;
    const earlier = matches.get(key);
    if (earlier) problems.push({ code: 'RULES.DUPLICATE_MATCH', ruleId: rule.id, reason: `${rule.id} matches ${key}, as ${earlier} does` });
    else matches.set(key, rule.id);
    const { level, desk } = rule.handler;
    if (isRoleSpec(desk) && level !== ROLE_DESK_LEVELS[desk]) {
      problems.push({ code: 'RULES.ROLE_LEVEL', ruleId: rule.id, reason: `the ${desk} desk sits at ${ROLE_DESK_LEVELS[desk]} level, not ${level}` });
    }
    if (rule.unitLevel !== '*' && level !== 'same' && level !== 'parent' && isAbove(rule.unitLevel, level)) {
      const reason = `a ${level} desk cannot handle a case about a ${rule.unitLevel} unit above it`;
      problems.push({ code: 'RULES.HANDLER_BELOW_UNIT', ruleId: rule.id, reason });
    }
    if (rule.unitLevel === 'national' && level === 'parent') {
      problems.push({ code: 'RULES.HANDLER_BELOW_UNIT', ruleId: rule.id, reason: 'the national unit has no parent' });
    }
  }
  const gaps = ComplaintCategories.flatMap((category) =>
    UnitLevels.flatMap((level) =>
      SUBJECT_CLASSES.filter((subject) => !matchRule(rules, category, level, subject)).map((subject) => `${category} × ${level} × ${subject}`),
    ),
  );
  if (gaps.length > 0) {
    const shown = gaps.slice(0, 5).join(', ');
    const more = gaps.length > 5 ? ` and ${gaps.length - 5} more` : '';
    problems.push({ code: 'RULES.GAP', reason: `no rule for ${shown}${more}; add them or a default rule (* × * × any)` });
  }
  for (const level of UnitLevels) {
    const misplaced = escalation[level].filter((spec) => isRoleSpec(spec) && ROLE_DESK_LEVELS[spec] !== level);
    if (misplaced.length > 0) {
      problems.push({ code: 'RULES.ROLE_LEVEL', reason: `escalation at ${level} level lists ${misplaced.join(', ')}, which sit at another level` });
    }
  }
  if (!escalation.national.includes('aicc-admin')) {
    problems.push({ code: 'RULES.ESCALATION_DEAD_END', reason: 'escalation must be able to end at the AICC desk (aicc-admin), which is always staffed' });
  }
  return problems;
}

export type RuleSetCode = 'RULES.INVALID_RULE_SET';

/**
 * The next version of the rules from what someone sent through the API, or every problem with it.
 * Versions only go up; cases remember the version that routed them.
 */
export function reviseRuleSet(
  current: RuleSet | undefined,
  input: unknown,
  by: string,
  at: Date,
): { ok: true; ruleSet: RuleSet } | (Rejection<RuleSetCode> & { problems: RuleProblem[] }) {
  const parsed = ruleSetInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      code: 'RULES.INVALID' as const,
      reason: `${issue.path.join('.') || 'rule set'}: ${issue.message}`,
    }));
    return { ...reject('RULES.INVALID_RULE_SET', `${problems.length} problem(s) in the rule set`), problems };
  }
  const escalation = parsed.data.escalation ?? current?.escalation ?? DEFAULT_DESK_PREFERENCES;
  const problems = validateRuleSet(parsed.data.rules, escalation);
  if (problems.length > 0) return { ...reject('RULES.INVALID_RULE_SET', `${problems.length} problem(s) in the rule set`), problems };
  return { ok: true, ruleSet: { version: (current?.version ?? 0) + 1, rules: parsed.data.rules, escalation, createdAt: at, createdBy: by } };
}
