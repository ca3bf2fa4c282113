/** Routing: rules as versioned data (category × unit level × subject → desk), and the router that obeys the guard. */
export {
  AlsoNotifyTargets,
  HandlerLevels,
  matchRule,
  routingRuleSchema,
  RuleSubjects,
  ruleSetInputSchema,
  SUBJECT_CLASSES,
  subjectClassOf,
  type AlsoNotify,
  type HandlerLevel,
  type RoutingRule,
  type RuleSet,
  type RuleSubject,
  type SubjectClass,
} from './routing-rule';
export { reviseRuleSet, validateRuleSet, type RuleProblem, type RuleProblemCode, type RuleSetCode } from './rule-set-validation';
export { DEFAULT_RULE_SET, DEFAULT_RULES } from './default-rules';
export { route, type RoutableCase, type Routed, type RoutingCode } from './route';
