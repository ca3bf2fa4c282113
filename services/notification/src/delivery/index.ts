/** Which channel, in what order, and what happens after: the plan, opt-outs, delivery states, the dispatcher. */
export { DEFAULT_CHANNEL_ORDER, planDelivery, type DeliveryPlan, type PlanInput, type PlanStep, type SkipCode, type SkippedChannel } from './channel-plan';
export {
  applyDeliveryStatus,
  followUpOfFailure,
  reportedStateOf,
  statusReportOf,
  type DeliveryState,
  type DeliveryTransition,
  type FailureFollowUp,
  type ReportedState,
  type StatusReport,
} from './delivery-state';
export {
  dispatchNotification,
  type AttemptRecord,
  type DispatchDependencies,
  type DispatchRequest,
  type DispatchResult,
  type Senders,
} from './dispatcher';
export { applyOptOut, parseOptOutKeyword, type OptOutCommand } from './opt-out';
export type { Recipient } from './recipient';
