/** SLA: deadlines per category and level, the hard ceiling, escalation up the chain, the timer sweep. */
export { DEFAULT_SLA_POLICY, parseSlaPolicy, targetFor, type SlaPolicy, type SlaPolicyCode, type SlaTarget } from './sla-policy';
export { deadlinesFor, isOverdue, nextDueAt, withTimers } from './deadlines';
export {
  appeal,
  decideEscalation,
  dueClosures,
  dueEscalation,
  dueEscalations,
  escalate,
  type DueEscalation,
  type DueReason,
  type EscalateResult,
  type EscalationCode,
  type ManualEscalation,
} from './escalation';
export { sweepDueCases, type SweepReport } from './sla-sweep';
