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
  /** The deciding office-bearer's member id (or, for a headquarters user who is no member, their subject). */
  by: string;
  at: Date;
  /** The post that gave them the right to decide, kept for the audit trail. */
  asPost?: Pick<Tenure, 'id' | 'unitCode' | 'post'>;
  /** Or the headquarters role that did, for a decider without a post there. */
  asRole?: HeadquartersRole;
  reason?: string;
}

/** A state HQ or AICC user acting for their unit: they may decide registrations anywhere below it. */
export interface HeadquartersRole {
  role: 'state-hq' | 'aicc-admin';
  unitCode: string;
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

/**
 * Approves or rejects a pending registration, once, by someone entitled to: an office-bearer of the
 * unit or above (see {@link approvalAuthority}), or a headquarters user whose unit contains it.
 * The post counts first, so the audit trail names it when there is one.
 */
export function decideRegistration(
  registration: PendingRegistration,
  decision: RegistrationDecision,
  authority: { tree: OrgTree; register: PostRegister; headquarters?: HeadquartersRole },
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
  const { headquarters } = authority;
  let grant: Pick<RegistrationDecisionRecord, 'asPost' | 'asRole'>;
  if (entitled.ok) {
    const { id, unitCode, post } = entitled.tenure;
    grant = { asPost: { id, unitCode, post } };
  } else if (entitled.code === 'REGISTRATION.NOT_AN_OFFICE_BEARER' && headquarters && authority.tree.isWithin(registration.unitCode, headquarters.unitCode)) {
    grant = { asRole: { ...headquarters } };
  } else {
    return entitled;
  }
  return {
    ok: true,
    registration: {
      ...registration,
      status: decision.approve ? 'approved' : 'rejected',
      decision: { by: decision.by, at: decision.at, ...grant, ...(reason ? { reason } : {}) },
    },
  };
}

export type RenewalAction = 'updated' | 'reopened' | 'unchanged';

export interface RenewalRequest {
  unitCode: string;
  name?: string;
  language: MemberLanguage;
  requestedAt: Date;
}

/**
 * What another JOIN from a sender who already asked does. While pending, the latest request
 * wins (a worker who named the wrong panchayat corrects it), keeping the name given before when
 * this one has none. After a rejection, a request sent later opens a new round. Anything sent no
 * later than what the registration already reflects changes nothing: a redelivered message, or
 * one overtaken by a later one, is `unchanged`. An approved sender is a member: not registered again.
 */
export function renewRegistration(
  current: PendingRegistration,
  request: RenewalRequest,
  tree: OrgTree,
): { ok: true; action: RenewalAction; registration: PendingRegistration } | Rejection<'REGISTRATION.UNKNOWN_UNIT' | 'REGISTRATION.ALREADY_APPROVED'> {
  const unit = tree.get(request.unitCode);
  if (!unit) return reject('REGISTRATION.UNKNOWN_UNIT', `${request.unitCode} is not a known unit`);
  if (current.status === 'approved') {
    return reject('REGISTRATION.ALREADY_APPROVED', `registration ${current.id} was approved: the sender is a member`);
  }
  const reflected = current.status === 'rejected' && current.decision ? current.decision.at : current.requestedAt;
  const unchanged = { ok: true, action: 'unchanged', registration: current } as const;
  if (request.requestedAt.getTime() <= reflected.getTime()) return unchanged;
  const name = request.name ?? current.name;
  const { decision: _decision, ...undecided } = current;
  const renewed: PendingRegistration = {
    ...undecided,
    unitCode: unit.code,
    ...(name ? { name } : {}),
    language: request.language,
    requestedAt: request.requestedAt,
    status: 'pending',
  };
  if (current.status === 'rejected') return { ok: true, action: 'reopened', registration: renewed };
  if (renewed.unitCode === current.unitCode && renewed.name === current.name && renewed.language === current.language) return unchanged;
  return { ok: true, action: 'updated', registration: renewed };
}
