/** Scoped access: an office-bearer's queue, acting on a case, HQ search; all as pure predicates. */
export { isVisibleTo, viewerOf, type Viewer } from './viewer';
export { inQueue, queueOf, queueScopeFor, type DeskKey, type QueueCode, type QueueScope } from './case-queue';
export {
  actOnCase,
  authorizeCaseAction,
  holdsDesk,
  type ActionAccessCode,
  type CommandType,
  type OfficeBearerCommand,
} from './case-actions';
export {
  buildCaseQuery,
  caseSearchSchema,
  matchesCaseQuery,
  parseCaseSearch,
  type CaseQuery,
  type CaseSearch,
  type QueryCode,
  type SearchCode,
} from './case-search';
