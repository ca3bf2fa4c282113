import { createHash } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Principal } from '@cc/auth';
import type { SenderIdentity } from '@cc/contracts';
import { maskPhone } from '@cc/identity';
import { authorizeUnit } from '../access/unit-access';
import { postRegisterOf } from '../committees/post-records';
import { MemberOutbox } from '../committees/store/member-outbox';
import { newMember, parseMemberFields, type Member } from '../members/member';
import { identityKeysOf } from '../members/member-identity';
import { memberIdFor, MembersRepository } from '../members/store/members.repository';
import type { OrgTree } from '../organisation/org-tree';
import { OrganisationService } from '../organisation/organisation.service';
import { headquartersRoleOf } from './headquarters-role';
import { decideRegistration, type PendingRegistration, type RegistrationDecisionCode, type RegistrationStatus } from './pending-registration';
import { RegistrationsRepository, type StoredRegistration } from './store/registrations.repository';

const ATTEMPTS = 3;

/** A registration as an office-bearer sees it: the number masked, the unit named. */
export interface RegistrationView {
  id: string;
  status: RegistrationStatus;
  unitCode: string;
  unitName?: string;
  name?: string;
  /** `+91******8765` for a phone; the kind alone for a WhatsApp username or an app account. */
  sender: { kind: SenderIdentity['kind']; phone?: string };
  language: PendingRegistration['language'];
  requestedAt: Date;
  decision?: PendingRegistration['decision'];
  memberId?: string;
}

/**
 * Office-bearers and HQ deciding registrations. A registration outside the caller's subtree is
 * answered as one that does not exist (404), so nobody learns who asked to join elsewhere.
 * Approving creates the member: the registration is marked approved first (compare-and-set, so
 * one decision wins), then the member is created under an id that follows from the sender, so a
 * repeated approval after a crash in between completes the same member rather than a second one.
 */
@Injectable()
export class RegistrationDecisions {
  private readonly logger = new Logger(RegistrationDecisions.name);

  constructor(
    private readonly organisation: OrganisationService,
    private readonly registrations: RegistrationsRepository,
    private readonly members: MembersRepository,
    private readonly memberEvents: MemberOutbox,
  ) {}

  async list(principal: Principal, query: { unitCode?: string; status: RegistrationStatus; limit: number }): Promise<RegistrationView[]> {
    const unitCode = query.unitCode ?? principal.unitCode;
    const tree = await this.organisation.treeKnowing(unitCode);
    const allowed = authorizeUnit(tree, principal, unitCode);
    if (!allowed.ok) {
      if (allowed.code === 'ACCESS.UNKNOWN_UNIT') throw new NotFoundException({ code: allowed.code, message: allowed.reason });
      throw new ForbiddenException({ code: allowed.code, message: allowed.reason });
    }
    const found = await this.registrations.list(tree.get(unitCode)!.code, query.status, query.limit);
    return found.map((stored) => viewOf(stored, tree));
  }

  async approve(principal: Principal, id: string, options: { name?: string }): Promise<RegistrationView> {
    return this.decide(principal, id, { approve: true, ...options });
  }

  async reject(principal: Principal, id: string, reason: string | undefined): Promise<RegistrationView> {
    return this.decide(principal, id, { approve: false, ...(reason !== undefined ? { reason } : {}) });
  }

  private async decide(principal: Principal, id: string, decision: { approve: boolean; reason?: string; name?: string }): Promise<RegistrationView> {
    const caller = authorizeUnit(this.organisation.tree, principal, principal.unitCode);
    if (!caller.ok) throw new ForbiddenException({ code: caller.code, message: caller.reason });
    const by = principal.memberId ?? principal.subject;
    const posts = principal.memberId ? await this.postsOf(principal.memberId) : [];

    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await this.registrations.byId(id);
      // A unit another replica added may be new here: reload before saying it is not ours.
      const tree = stored ? await this.organisation.treeKnowing(stored.registration.unitCode) : this.organisation.tree;
      if (!stored || !tree.isWithin(stored.registration.unitCode, caller.scope)) {
        throw new NotFoundException({ code: 'REGISTRATION.NOT_FOUND', message: `there is no registration ${id} in the units you manage` });
      }
      const authority = { tree, register: postRegisterOf(tree, posts), headquarters: headquartersRoleOf(tree, principal) };
      const at = new Date();
      const decided = decideRegistration(stored.registration, { by, approve: decision.approve, at, ...(decision.reason !== undefined ? { reason: decision.reason } : {}) }, authority);
      if (!decided.ok) {
        if (decided.code === 'REGISTRATION.ALREADY_DECIDED' && stored.registration.status === 'approved') await this.completeApproval(stored, tree);
        throw new HttpException({ code: decided.code, message: decided.reason }, DECISION_STATUS[decided.code]);
      }
      const member = decision.approve ? this.memberOf(stored.registration, decision.name, tree) : undefined;
      if (member) await this.refuseIfAlreadyMember(member, id);
      // The name approved with is kept, so that a repeated approval can complete the same member.
      const registration = member ? { ...decided.registration, name: member.name } : decided.registration;
      const next = { ...stored, registration, ...(member ? { memberId: member.id } : {}) };
      if (!(await this.registrations.replace(stored, next))) continue;
      this.logger.log(`registration ${registration.status}`, { registrationId: id, by, unitCode: registration.unitCode, ...(member ? { memberId: member.id } : {}) });
      if (member) await this.createMember(member, id, tree);
      return viewOf({ ...next, version: stored.version + 1 }, tree);
    }
    throw new ConflictException({ code: 'REGISTRATION.CONCURRENT_UPDATE', message: `registration ${id} kept changing (its sender wrote again, or someone else decided it); read it again` });
  }

  private async postsOf(memberId: string) {
    const [stored] = await this.members.byIds([memberId]);
    return stored ? [{ memberId, posts: stored.posts }] : [];
  }

  /** The member an approval creates: active, at the registration's unit, in the language they wrote in. */
  private memberOf(registration: PendingRegistration, name: string | undefined, tree: OrgTree): Member {
    const given = name ?? registration.name;
    if (!given) {
      throw new UnprocessableEntityException({ code: 'REGISTRATION.NAME_REQUIRED', message: `registration ${registration.id} has no name; approve it with {"name": "..."}` });
    }
    const { sender } = registration;
    const fields = parseMemberFields(
      {
        name: given,
        phones: sender.kind === 'phone' ? [sender.e164] : [],
        ...(sender.kind === 'whatsapp-bsuid' ? { whatsappBsuid: sender.id } : {}),
        ...(sender.kind === 'app-user' ? { appUserId: sender.id } : {}),
        homeUnitCode: registration.unitCode,
        language: registration.language,
        // They asked to join by writing to the party's number, on the channel they will be answered on.
        consentToContact: true,
      },
      tree,
    );
    if (!fields.ok) throw new UnprocessableEntityException({ code: fields.code, message: fields.reason });
    return newMember(fields.fields, { id: memberIdOfSender(sender, registration.senderKey), now: new Date(), status: 'active' });
  }

  /** Someone imported the same number meanwhile: they are a member already, and stay one member. */
  private async refuseIfAlreadyMember(member: Member, id: string): Promise<void> {
    const holders = await this.members.memberIdsByIdentity(identityKeysOf(member));
    const other = [...holders.values()].find((holder) => holder !== member.id);
    if (other) {
      throw new ConflictException({ code: 'REGISTRATION.ALREADY_A_MEMBER', message: `the sender of registration ${id} is already member ${other}` });
    }
  }

  /** Idempotent: identities claimed, the member inserted unless there, its event published. */
  private async createMember(member: Member, id: string, tree: OrgTree): Promise<void> {
    const taken = await this.members.claimIdentities(member.id, identityKeysOf(member));
    if (taken.length > 0) {
      this.logger.warn('registration approved, but its sender became another member meanwhile', { registrationId: id, memberId: member.id });
      throw new ConflictException({ code: 'REGISTRATION.ALREADY_A_MEMBER', message: `the sender of registration ${id} became a member meanwhile; no second member was created` });
    }
    await this.members.insert([{ member, posts: [] }], tree);
    await this.memberEvents.publishNow(member.id);
  }

  /** A repeated approval finishes what a crash after the decision left undone. */
  private async completeApproval(stored: StoredRegistration, tree: OrgTree): Promise<void> {
    if (!stored.memberId || (await this.members.byIds([stored.memberId])).length > 0) return;
    const name = stored.registration.name;
    if (!name) return;
    this.logger.warn('completing an approval whose member was not created', { registrationId: stored.registration.id, memberId: stored.memberId });
    await this.createMember(this.memberOf(stored.registration, name, tree), stored.registration.id, tree).catch((error: unknown) => {
      this.logger.warn(`could not complete the approval: ${(error as Error).message}`, { registrationId: stored.registration.id });
    });
  }
}

/**
 * The member id of an approved sender: the one an import by the same phone would give, so either
 * way there is one member; a WhatsApp username or app account has its own stable id.
 */
export function memberIdOfSender(sender: SenderIdentity, senderKey: string): string {
  if (sender.kind === 'phone') return memberIdFor({ kind: 'phone', e164: sender.e164 });
  return `mbr_${createHash('sha256').update(`sender:${senderKey}`).digest('base64url').slice(0, 22)}`;
}

const DECISION_STATUS: Record<RegistrationDecisionCode, HttpStatus> = {
  'REGISTRATION.UNKNOWN_UNIT': HttpStatus.CONFLICT,
  'REGISTRATION.ALREADY_DECIDED': HttpStatus.CONFLICT,
  'REGISTRATION.DECIDED_BEFORE_REQUEST': HttpStatus.CONFLICT,
  'REGISTRATION.NOT_AN_OFFICE_BEARER': HttpStatus.FORBIDDEN,
  'REGISTRATION.REASON_REQUIRED': HttpStatus.BAD_REQUEST,
};

function viewOf(stored: StoredRegistration, tree: OrgTree): RegistrationView {
  const { registration } = stored;
  const { sender } = registration;
  const unitName = tree.qualifiedName(registration.unitCode, registration.language);
  return {
    id: registration.id,
    status: registration.status,
    unitCode: registration.unitCode,
    ...(unitName ? { unitName } : {}),
    ...(registration.name ? { name: registration.name } : {}),
    sender: { kind: sender.kind, ...(sender.kind === 'phone' ? { phone: maskPhone(sender.e164) } : {}) },
    language: registration.language,
    requestedAt: registration.requestedAt,
    ...(registration.decision ? { decision: registration.decision } : {}),
    ...(stored.memberId ? { memberId: stored.memberId } : {}),
  };
}
