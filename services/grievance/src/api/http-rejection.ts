import { HttpException, HttpStatus } from '@nestjs/common';
import type { Principal as AuthPrincipal } from '@cc/auth';
import type { Principal, Role } from '../shared/principal';
import type { Rejection } from '../shared/rejection';

/** The scope in a token that grants `grievance-unmask` (seeing who complained, recorded). */
export const UNMASK_SCOPE = 'grievance:unmask';

/** The caller as the domain sees them: the token's unit, roles and member id; unmasking only by an explicit scope. */
export function grievancePrincipal(principal: AuthPrincipal): Principal {
  const roles: Role[] = [...principal.roles, ...(principal.scopes.includes(UNMASK_SCOPE) ? (['grievance-unmask'] as const) : [])];
  return { unitCode: principal.unitCode, roles, ...(principal.memberId ? { memberId: principal.memberId } : {}) };
}

const FORBIDDEN = new Set(['ACCESS.NO_ROLE', 'ACCESS.UNKNOWN_PRINCIPAL_UNIT', 'ACCESS.ROLE_NOT_AT_LEVEL', 'ACCESS.HQ_ONLY', 'ACCESS.OUTSIDE_SUBTREE', 'ACCESS.NOT_AT_DESK', 'ACCESS.NO_DESK', 'ACCESS.MEMBER_REQUIRED', 'ACCESS.AICC_ONLY']);
const UNPROCESSABLE = new Set(['GUARD.ASSIGNEE_CONFLICTED', 'GUARD.ASSIGNEE_INACTIVE', 'GUARD.ASSIGNEE_NOT_AT_DESK']);

/**
 * The HTTP status of a domain rejection. Every refusal to show a case is 404 `GUARD.NOT_VISIBLE`,
 * as is a case that does not exist: the accused cannot tell one from the other.
 */
export function statusOf(code: string): number {
  if (code === 'GUARD.NOT_VISIBLE') return HttpStatus.NOT_FOUND;
  if (FORBIDDEN.has(code) || code === 'CASE.ACTOR_NOT_ALLOWED' || code === 'CASE.NOT_ASSIGNEE' || code === 'CASE.CONFLICT_OF_INTEREST' || code === 'MASK.NOT_ALLOWED') return HttpStatus.FORBIDDEN;
  if (UNPROCESSABLE.has(code)) return HttpStatus.UNPROCESSABLE_ENTITY;
  if (code.startsWith('SEARCH.') || code.startsWith('RULES.') || code === 'ACCESS.UNKNOWN_UNIT' || code === 'CASE.INVALID_INPUT' || code === 'ACTION.INVALID' || code === 'MASK.REASON_REQUIRED') {
    return HttpStatus.BAD_REQUEST;
  }
  return HttpStatus.CONFLICT;
}

export function httpError(rejection: Rejection & { problems?: unknown }): HttpException {
  const { code, reason, problems } = rejection;
  return new HttpException({ code, message: reason, ...(problems ? { problems } : {}) }, statusOf(code));
}

export function notVisible(): HttpException {
  return httpError({ ok: false, code: 'GUARD.NOT_VISIBLE', reason: 'the case is not visible to the caller' });
}
