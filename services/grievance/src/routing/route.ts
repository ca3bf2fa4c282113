import type { Case, Handler, UnitRef } from '../cases/case';
import type { SkippedUnit } from '../cases/case-lifecycle';
import { deskFeeds } from '../cases/case-notices';
import type { Feed } from '@cc/contracts';
import { eligibleDeskAt, type DeskContext } from '../guard/desks';
import { escalationTarget } from '../guard/escalation-target';
import type { OrgUnitRef, OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import { reject, type Rejection } from '../shared/rejection';
import { FEED_OF, matchRule, subjectClassOf, type HandlerLevel, type RoutingRule, type RuleSet } from './routing-rule';

export type RoutableCase = Pick<Case, 'category' | 'subject' | 'partyUnit' | 'guard'>;

export type RoutingCode = 'ROUTING.NO_RULE' | 'ROUTING.UNKNOWN_UNIT' | 'ROUTING.NO_ELIGIBLE_HANDLER';

export interface Routed {
  ok: true;
  handler: Handler;
  rule: RoutingRule;
  /** Units passed over on the way, for the audit trail. */
  skipped: SkippedUnit[];
  feeds: Feed[];
}

/**
 * The desk that handles a new case: the matching rule's desk at the unit it names, else (vacant,
 * or the unit is excluded by the guard) the next desk of that unit's level, else up the chain as
 * an escalation would go. Never a desk inside an excluded unit, never a conflicted holder.
 */
export function route(c: RoutableCase, ruleSet: RuleSet, org: OrgView, posts: PostHoldersView, at: Date): Routed | Rejection<RoutingCode> {
  const rule = matchRule(ruleSet.rules, c.category, c.partyUnit.level, subjectClassOf(c.subject));
  if (!rule) return reject('ROUTING.NO_RULE', `rule set v${ruleSet.version} has no rule for ${c.category} at a ${c.partyUnit.level}`);
  const unit = handlerUnit(c.partyUnit, rule.handler.level, org);
  if (!unit) return reject('ROUTING.UNKNOWN_UNIT', `${c.partyUnit.code} is not a known unit`);
  const ctx: DeskContext = { org, posts, at, preferences: ruleSet.escalation };
  const feeds = (rule.alsoNotify ?? []).map((target) => FEED_OF[target]);
  const origin = { ruleId: rule.id, ruleSetVersion: ruleSet.version, since: at };

  const here = eligibleDeskAt(c.guard, unit, [rule.handler.desk, ...ruleSet.escalation[unit.level]], ctx);
  if (here) {
    const via = here.desk.kind === 'role' ? here.desk.role === rule.handler.desk : here.desk.post === rule.handler.desk;
    return done({ ...here, ...origin, via: via ? 'rule' : 'fallback' }, rule, [], feeds);
  }
  const above = escalationTarget(c, unit.code, ctx);
  if (!above.ok) return reject('ROUTING.NO_ELIGIBLE_HANDLER', `no desk at or above ${unit.code} may take the case`);
  const skippedHere = { unitCode: unit.code, why: isExcludedHere(c, unit) ? ('conflict-of-interest' as const) : ('vacant' as const) };
  return done({ ...above.choice, ...origin, via: 'fallback' }, rule, [skippedHere, ...above.skipped], feeds);
}

function done(handler: Handler, rule: RoutingRule, skipped: SkippedUnit[], feeds: Feed[]): Routed {
  return { ok: true, handler, rule, skipped, feeds: [...new Set([...feeds, ...deskFeeds(handler.desk)])] };
}

function isExcludedHere(c: RoutableCase, unit: OrgUnitRef): boolean {
  return unit.path.some((code) => c.guard.excludedUnitCodes.includes(code));
}

/** The unit a handler level names; the unit itself when the level would be below it. */
function handlerUnit(partyUnit: UnitRef, level: HandlerLevel, org: OrgView): OrgUnitRef | undefined {
  const unit = org.get(partyUnit.code);
  if (!unit || level === 'same') return unit;
  if (level === 'parent') return org.parentOf(unit.code) ?? unit;
  return org.ancestorAt(unit.code, level) ?? unit;
}
