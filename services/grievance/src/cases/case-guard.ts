import type { Case, CaseGuard, Desk, Handler } from './case';

/*
 * The checks a case can answer from its own data, so that the lifecycle refuses a conflicted
 * change even when a caller forgot to ask the guard. guard/ decides what is excluded; these only
 * read the decision.
 */

export function isMemberExcluded(guard: CaseGuard, memberId: string | undefined): boolean {
  return memberId !== undefined && guard.excludedMemberIds.includes(memberId);
}

/** Whether a unit, given by its path from the national unit, lies within an excluded unit. */
export function isPathExcluded(guard: CaseGuard, unitPath: readonly string[]): boolean {
  return unitPath.some((code) => guard.excludedUnitCodes.includes(code));
}

export function isDeskExcluded(guard: CaseGuard, desk: Desk): boolean {
  return isPathExcluded(guard, desk.unitPath);
}

export function isHandlerExcluded(guard: CaseGuard, handler: Handler): boolean {
  return isDeskExcluded(guard, handler.desk) || handler.memberIds.some((memberId) => isMemberExcluded(guard, memberId));
}

/** Exclusions only grow: the union, in a stable order so that equal guards compare equal. */
export function unionGuards(...guards: readonly CaseGuard[]): CaseGuard {
  return {
    excludedMemberIds: [...new Set(guards.flatMap((guard) => guard.excludedMemberIds))].sort(),
    excludedUnitCodes: [...new Set(guards.flatMap((guard) => guard.excludedUnitCodes))].sort(),
  };
}

/** Whether the current handler or assignee has become conflicted under a (grown) guard. */
export function isCaseHolderExcluded(c: Pick<Case, 'handler' | 'assigneeId'>, guard: CaseGuard): boolean {
  return isHandlerExcluded(guard, c.handler) || isMemberExcluded(guard, c.assigneeId);
}
