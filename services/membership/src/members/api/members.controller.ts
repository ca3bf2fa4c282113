import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  HttpException,
  HttpStatus,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { MemberStatuses } from '@cc/contracts';
import { authorizeUnit } from '../../access/unit-access';
import type { OrgTree } from '../../organisation/org-tree';
import { OrganisationService } from '../../organisation/organisation.service';
import { type MemberFields, newMember, parseMemberFields } from '../member';
import { identityKeysOf } from '../member-identity';
import { MemberOutboxRelay } from '../store/member.outbox-relay';
import { memberIdFor, MembersRepository, type StoredMember } from '../store/members.repository';
import { memberView } from './member-view';

const listQuerySchema = z.strictObject({
  unit: z.string().max(32).optional(),
  status: z.enum(MemberStatuses).optional(),
  after: z.string().regex(/^mbr_[A-Za-z0-9_-]{8,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const statusSchema = z.enum(MemberStatuses).optional();

/**
 * Members of the caller's part of the organisation: list, read, register one, change one. A
 * change names the version it was made from (`If-Match`), so two office-bearers editing the same
 * member cannot overwrite each other unknowingly.
 */
@Controller('v1/members')
@UseGuards(PrincipalGuard)
export class MembersController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly members: MembersRepository,
    private readonly relay: MemberOutboxRelay,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const parsed = listQuerySchema.safeParse(query);
    if (!parsed.success) throw badRequest('MEMBERSHIP.INVALID_QUERY', parsed.error);
    const tree = this.organisation.tree;
    const unit = parsed.data.unit ?? principal.unitCode;
    this.authorize(tree, principal, unit);
    const units = [unit, ...[...tree.descendantsOf(unit)].map((descendant) => descendant.code)];
    const page = await this.members.inUnits(units, { ...parsed.data, limit: parsed.data.limit });
    const last = page.at(-1);
    return { members: page.map((stored) => memberView(stored, tree)), ...(page.length === parsed.data.limit && last ? { next: last.member.id } : {}) };
  }

  @Get(':memberId')
  async read(@Param('memberId') memberId: string, @CurrentPrincipal() principal: Principal) {
    const stored = await this.find(memberId);
    this.authorize(this.organisation.tree, principal, stored.member.homeUnitCode);
    return memberView(stored, this.organisation.tree);
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const tree = this.organisation.tree;
    const { fields, status } = this.parse(body, tree);
    this.authorize(tree, principal, fields.homeUnitCode);
    await this.refuseTakenIdentities(fields);
    // Not keyed by phone as an import is: a phone can pass to someone else, the member id cannot.
    const key = { kind: 'external-id', id: fields.externalId ?? `api:${randomUUID()}` } as const;
    const member = newMember(fields, { id: memberIdFor(key), now: new Date(), ...(status ? { status } : {}) });
    const inserted = await this.members.insert([{ member, posts: [] }], tree);
    if (inserted.length === 0) throw new ConflictException({ code: 'MEMBERSHIP.MEMBER_EXISTS', message: `member ${member.id} exists already` });
    const taken = await this.members.claimIdentities(member.id, identityKeysOf(member));
    if (taken.length > 0) throw identityTaken();
    await this.relay.publishNow(member.id).catch(() => undefined);
    return memberView({ member, posts: [], version: 1 }, tree);
  }

  /** Replaces the member's details (phones included: a phone left out is released) and, optionally, their status. */
  @Patch(':memberId')
  async update(
    @Param('memberId') memberId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (ifMatch === undefined) {
      throw new HttpException({ code: 'MEMBERSHIP.VERSION_REQUIRED', message: 'send If-Match with the version you read' }, HttpStatus.PRECONDITION_REQUIRED);
    }
    const tree = this.organisation.tree;
    const stored = await this.find(memberId);
    this.authorize(tree, principal, stored.member.homeUnitCode);
    const { fields, status } = this.parse(body, tree);
    this.authorize(tree, principal, fields.homeUnitCode);
    if (String(stored.version) !== ifMatch.replace(/"/g, '')) throw versionConflict(stored.version);
    const before = new Set(identityKeysOf(stored.member));
    const after = identityKeysOf(fields);
    await this.refuseTakenIdentities(fields, memberId);

    const { consentToContact, ...details } = fields;
    const consent = consentToContact === stored.member.consent.contact ? stored.member.consent : { contact: consentToContact, at: new Date() };
    const member = { ...stored.member, ...details, externalId: details.externalId, consent, status: status ?? stored.member.status, updatedAt: new Date() };
    if (!(await this.members.update(stored, member, stored.posts, tree))) throw versionConflict(stored.version);
    if ((await this.members.claimIdentities(memberId, after)).length > 0) throw identityTaken();
    await this.members.releaseIdentities(memberId, [...before].filter((key) => !after.includes(key)));
    await this.relay.publishNow(memberId).catch(() => undefined);
    return memberView({ member, posts: stored.posts, version: stored.version + 1 }, tree);
  }

  private parse(body: unknown, tree: OrgTree): { fields: MemberFields; status?: (typeof MemberStatuses)[number] } {
    const { status, ...rest } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const parsedStatus = statusSchema.safeParse(status);
    if (!parsedStatus.success) throw badRequest('MEMBER.INVALID_STATUS', parsedStatus.error);
    const parsed = parseMemberFields(rest, tree);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    return { fields: parsed.fields, ...(parsedStatus.data ? { status: parsedStatus.data } : {}) };
  }

  private async find(memberId: string): Promise<StoredMember> {
    const [stored] = await this.members.byIds([memberId]);
    if (!stored) throw new NotFoundException({ code: 'MEMBERSHIP.MEMBER_NOT_FOUND', message: `no member ${memberId}` });
    return stored;
  }

  private authorize(tree: OrgTree, principal: Principal, unitCode: string): void {
    const allowed = authorizeUnit(tree, principal, unitCode);
    if (!allowed.ok) throw new ForbiddenException({ code: allowed.code, message: allowed.reason });
  }

  private async refuseTakenIdentities(fields: MemberFields, self?: string): Promise<void> {
    const holders = await this.members.memberIdsByIdentity(identityKeysOf(fields));
    if ([...holders.values()].some((holder) => holder !== self)) throw identityTaken();
  }
}

function badRequest(code: string, error: z.ZodError): BadRequestException {
  return new BadRequestException({ code, message: error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`).join('; ') });
}

function identityTaken(): ConflictException {
  return new ConflictException({ code: 'MEMBERSHIP.IDENTITY_TAKEN', message: 'a phone, WhatsApp id or app user id given belongs to another member' });
}

function versionConflict(current: number): HttpException {
  return new HttpException({ code: 'MEMBERSHIP.VERSION_CONFLICT', message: `the member changed since you read it; read it again (version ${current}) and retry` }, HttpStatus.PRECONDITION_FAILED);
}
