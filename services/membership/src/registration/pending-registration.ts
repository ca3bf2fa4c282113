import type { SenderIdentity } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import type { PostRegister } from '../committees/post-register';
import type { Tenure } from '../committees/tenure';
import type { MemberLanguage } from '../members/member';
import type { OrgTree } from '../organisation/org-tree';
import { reject, type Rejection } from '../shared/rejection';

export type RegistrationStatus = 'pending' | 'approved' | 'rejected';

/** An unknown sender who asked to join a unit, waiting for an office-bearer there to vouch for them. */
export interface PendingRegistration {
  id: string;
  sender: SenderIdentity;
  senderKey: string;
  unitCode: string;
  name?: string;
  /** The language to answer in: the one the request was written in. */
  language: MemberLanguage;
  requestedAt: Date;
  status: RegistrationStatus;
  decision?: RegistrationDecisionRecord;
}

export interface RegistrationDecisionRecord {
  /** The deciding office-bearer's member id. */
  by: string;
  at: Date;
  /** The post that gave them the right to decide, kept for the audit trail. */
  asPost: Pick<Tenure, 'id' | 'unitCode' | 'post'>;
  reason?: string;
}

export interface RegistrationDecision {
  by: string;
  approve: boolean;
  at: Date;
  /** Required to reject: the applicant is told why. */
  reason?: string;
}

export type RegistrationDecisionCode =
  | 'REGISTRATION.UNKNOWN_UNIT'
  | 'REGISTRATION.ALREADY_DECIDED'
  | 'REGISTRATION.DECIDED_BEFORE_REQUEST'
  | 'REGISTRATION.NOT_AN_OFFICE_BEARER'
  | 'REGISTRATION.REASON_REQUIRED';

export function openRegistration(
  input: { id: string; sender: SenderIdentity; unitCode: string; name?: string; language: MemberLanguage; requestedAt: Date },
  tree: OrgTree,
): { ok: true; registration: PendingRegistration } | Rejection<'REGISTRATION.UNKNOWN_UNIT'> {
  const unit = tree.get(input.unitCode);
  if (!unit) return reject('REGISTRATION.UNKNOWN_UNIT', `${input.unitCode} is not a known unit`);
  return {
    ok: true,
    registration: { ...input, unitCode: unit.code, senderKey: canonicalSenderKey(input.sender), status: 'pending' },
  };
}

/**
 * Who may decide a registration: an office-bearer, at the moment of deciding, of the unit joined
 * or of a unit above it (a block president may approve for a panchayat of the block). Ordinary
 * committee members may not. The nearest post counts.
 */
export function approvalAuthority(
  tree: OrgTree,
  register: PostRegister,
  memberId: string,
  unitCode: string,
  at: Date,
): { ok: true; tenure: Tenure } | Rejection<'REGISTRATION.UNKNOWN_UNIT' | 'REGISTRATION.NOT_AN_OFFICE_BEARER'> {
  const path = tree.pathOf(unitCode);
  if (!path) return reject('REGISTRATION.UNKNOWN_UNIT', `${unitCode} is not a known unit`);
  const nearestFirst = [...path].reverse();
  for (const code of nearestFirst) {
    const tenure = register.officeBearersAt(code, at).find((each) => each.memberId === memberId);
    if (tenure) return { ok: true, tenure };
  }
  return reject(
    'REGISTRATION.NOT_AN_OFFICE_BEARER',
    `member ${memberId} holds no office-bearer post of ${nearestFirst[0]} or a unit above it at ${at.toISOString()}`,
  );
}

/** Approves or rejects a pending registration, once, by someone entitled to. */
export function decideRegistration(
  registration: PendingRegistration,
  decision: RegistrationDecision,
  authority: { tree: OrgTree; register: PostRegister },
): { ok: true; registration: PendingRegistration } | Rejection<RegistrationDecisionCode> {
  if (registration.status !== 'pending') {
    return reject('REGISTRATION.ALREADY_DECIDED', `registration ${registration.id} was already ${registration.status}`);
  }
  if (decision.at.getTime() < registration.requestedAt.getTime()) {
    return reject('REGISTRATION.DECIDED_BEFORE_REQUEST', 'a registration cannot be decided before it was requested');
  }
  const reason = decision.reason?.trim();
  if (!decision.approve && !reason) {
    return reject('REGISTRATION.REASON_REQUIRED', 'a rejection needs a reason, which the applicant is told');
  }
  const entitled = approvalAuthority(authority.tree, authority.register, decision.by, registration.unitCode, decision.at);
  if (!entitled.ok) return entitled;
  const { id, unitCode, post } = entitled.tenure;
  return {
    ok: true,
    registration: {
      ...registration,
      status: decision.approve ? 'approved' : 'rejected',
      decision: { by: decision.by, at: decision.at, asPost: { id, unitCode, post }, ...(reason ? { reason } : {}) },
    },
  };
}
