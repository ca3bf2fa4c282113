import type { AuditEntry, Case, CaseComment, Reporter } from '../cases/case';
import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import { principalScope, type Principal, type PrincipalCode } from '../shared/principal';
import { redactPhoneLike } from '../shared/redaction';
import { reject, type Rejection } from '../shared/rejection';
import { canView, type VisibilityCode } from './case-visibility';

/** A reporter as everyone sees them by default: a pseudonym valid in this case only. */
export interface MaskedReporter {
  readonly pseudonym: string;
  readonly trust: Reporter['trust'];
  readonly channel: Reporter['channel'];
  readonly language: Reporter['language'];
}

export interface MaskedReport {
  readonly reporter: string;
  readonly receivedAt: Date;
  readonly channel: Reporter['channel'];
  /** With anything that looks like a phone number removed. */
  readonly text: string;
}

/** A case as the API shows it. No sender key, member id, unit or report id of any reporter. */
export interface CaseView extends Omit<Case, 'reporters' | 'reports' | 'comments'> {
  readonly reporters: readonly MaskedReporter[];
  readonly reports: readonly MaskedReport[];
  readonly comments: readonly CaseComment[];
}

/**
 * The case for a principal allowed to see it, reporters masked. Masked for everyone: who
 * complained is shown only through {@link unmask}, so that every look is recorded. The sender
 * key is kept out too: it is a hash of the phone number, which can be found again by trying
 * every number.
 */
export function caseViewFor(
  principal: Principal,
  c: Case,
  org: OrgView,
  posts: PostHoldersView,
  at: Date,
): { ok: true; view: CaseView } | Rejection<VisibilityCode | PrincipalCode> {
  const visible = canView(principal, c, org, posts, at);
  if (!visible.ok) return visible;
  return { ok: true, view: maskedView(c) };
}

export function maskedView(c: Case): CaseView {
  return {
    ...c,
    reporters: c.reporters.map(({ pseudonym, trust, channel, language }) => ({ pseudonym, trust, channel, language })),
    reports: c.reports.map(({ reporter, receivedAt, channel, text }) => ({ reporter, receivedAt, channel, text: redactPhoneLike(text) })),
    comments: c.comments.map((comment) => ({ ...comment, text: redactPhoneLike(comment.text) })),
  };
}

export type UnmaskCode = VisibilityCode | PrincipalCode | 'MASK.NOT_ALLOWED' | 'MASK.REASON_REQUIRED';

/** A reporter's identity as an unmasking reveals it: how the HQ can reach them through membership. */
export interface ReporterIdentity {
  readonly pseudonym: string;
  readonly senderKey: string;
  readonly memberId?: string;
  readonly unitCode: string;
  readonly trust: Reporter['trust'];
}

/**
 * Reveals who complained, to a member acting for a state HQ or AICC who holds the explicit
 * `grievance-unmask` role, for a stated reason. Returns the case with the audit entry added: the
 * caller stores it (compare-and-set on the version) before showing anything, so no unmasking
 * goes unrecorded.
 */
export function unmask(
  principal: Principal,
  c: Case,
  reason: string,
  at: Date,
  org: OrgView,
  posts: PostHoldersView,
): { ok: true; case: Case; audit: AuditEntry; reporters: ReporterIdentity[] } | Rejection<UnmaskCode> {
  const scope = principalScope(principal, org);
  if (!scope.ok) return scope;
  const hq = scope.roles.includes('state-hq') || scope.roles.includes('aicc-admin');
  if (!hq || !scope.roles.includes('grievance-unmask') || principal.memberId === undefined) {
    return reject('MASK.NOT_ALLOWED', 'only a member acting for a state HQ or AICC with the grievance-unmask role may see who complained');
  }
  const visible = canView(principal, c, org, posts, at);
  if (!visible.ok) return visible;
  const why = reason.trim();
  if (why.length < 10 || why.length > 500) return reject('MASK.REASON_REQUIRED', 'say why the identity is needed, in 10 to 500 characters');
  const version = c.version + 1;
  const audit: AuditEntry = { at, actor: principal.memberId, action: 'unmask', from: c.status, to: c.status, reason: why, version };
  return {
    ok: true,
    case: { ...c, audit: [...c.audit, audit], version },
    audit,
    reporters: c.reporters.map(({ pseudonym, senderKey, memberId, unitCode, trust }) => ({
      pseudonym,
      senderKey,
      ...(memberId ? { memberId } : {}),
      unitCode,
      trust,
    })),
  };
}
