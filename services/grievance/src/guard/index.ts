/** The conflict-of-interest guard: who a case stays away from, who may see it, and who complained. */
export { currentGuard, exclusionsFor, refreshGuard, resolveSubject, type ExclusionInput } from './exclusions';
export { isMemberConflicted } from './member-conflict';
export {
  DEFAULT_DESK_PREFERENCES,
  eligibleDeskAt,
  isRoleSpec,
  ROLE_DESK_LEVELS,
  type DeskChoice,
  type DeskContext,
  type DeskPreferences,
  type DeskSpec,
} from './desks';
export { escalationTarget, type EscalationTargetCode, type EscalationTargetOptions } from './escalation-target';
export { canAssign, canView, type AssignCode, type VisibilityCode } from './case-visibility';
export {
  caseViewFor,
  maskedView,
  unmask,
  type CaseView,
  type MaskedReport,
  type MaskedReporter,
  type ReporterIdentity,
  type UnmaskCode,
} from './reporter-masking';
