/** The case: its model, the lifecycle state machine with its audit trail, merging duplicates, the store port. */
export {
  ACTIVE_STATUSES,
  AUDIT_ACTIONS,
  CASE_STATUSES,
  isActive,
  type AttachmentRef,
  type AuditAction,
  type AuditEntry,
  type Case,
  type CaseComment,
  type CaseGuard,
  type CaseReport,
  type CaseStatus,
  type CaseSubject,
  type CaseTimers,
  type Desk,
  type EscalationRecord,
  type Handler,
  type Reporter,
  type Resolution,
  type UnitRef,
} from './case';
export type { CaseContext } from './case-context';
export { isDeskExcluded, isHandlerExcluded, isMemberExcluded, isPathExcluded, unionGuards } from './case-guard';
export { caseEvent, deskAudience, deskFeeds, deskRef, recipientsFor, type NoticeSpec } from './case-notices';
export {
  actorRef,
  SYSTEM,
  transition,
  TRANSITIONS,
  type Actor,
  type AttachmentInput,
  type CaseAction,
  type CaseActionType,
  type CaseCode,
  type EscalationDecision,
  type SkippedUnit,
  type TransitionResult,
} from './case-lifecycle';
export { mergeCases, type MergeCode, type MergeResult } from './case-merge';
export type { CaseStore } from './case-store';
export { InMemoryCaseStore } from './in-memory-case-store';
