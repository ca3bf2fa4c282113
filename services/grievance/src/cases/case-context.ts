import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import type { RuleSet } from '../routing/routing-rule';
import type { SlaPolicy } from '../sla/sla-policy';

/** The organisation, the rules and the policy in force: what every decision about a case reads. */
export interface CaseContext {
  readonly org: OrgView;
  readonly posts: PostHoldersView;
  readonly ruleSet: RuleSet;
  readonly policy: SlaPolicy;
}
