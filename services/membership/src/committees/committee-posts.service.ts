import {
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { authorizeUnit, type Principal } from '../access/unit-access';
import type { StoredMember } from '../members/store/members.repository';
import { MembersRepository } from '../members/store/members.repository';
import type { OrgTree } from '../organisation/org-tree';
import { OrganisationService } from '../organisation/organisation.service';
import type { Unit } from '../organisation/unit';
import type { Rejection } from '../shared/rejection';
import type { PostKind } from './post-kind';
import { assignPost, committeeListing, endPost, type PostRecord } from './post-records';
import type { TenureCode } from './post-register';
import { CommitteeLocksRepository } from './store/committee-locks.repository';
import { CommitteePostsRepository } from './store/committee-posts.repository';
import { MemberOutbox } from './store/member-outbox';

const ATTEMPTS = 3;
/** The member-changed event carries at most this many posts (`memberSchema`). */
const MAX_POSTS_PER_MEMBER = 50;

export interface MemberPostsView {
  memberId: string;
  changed: boolean;
  tenure: PostRecord;
  posts: PostRecord[];
}

/**
 * Posts of committees as office-bearers and HQ manage them: taking up and leaving a post, and who
 * sits on a committee. Every change is written to the member's record with compare-and-set, its
 * member-changed event in the same write, and published at once.
 */
@Injectable()
export class CommitteePostsService {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly members: MembersRepository,
    private readonly holders: CommitteePostsRepository,
    private readonly locks: CommitteeLocksRepository,
    private readonly outbox: MemberOutbox,
  ) {}

  /**
   * Both the unit and the member (their home unit) must be the caller's to manage. Checked and
   * written under the unit's lease, so two replicas cannot seat two presidents at once.
   */
  async assign(principal: Principal, memberId: string, command: { unitCode: string; post: PostKind; from?: Date }): Promise<MemberPostsView> {
    const { tree, unit } = await this.authorize(principal, command.unitCode);
    const leased = await this.locks.withLease(unit.code, async () => {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const stored = await this.memberWithin(tree, principal, memberId);
        if (stored.member.status !== 'active') {
          throw new ConflictException({ code: 'COMMITTEE.MEMBER_NOT_ACTIVE', message: `member ${memberId} is ${stored.member.status}; only an active member takes up a post` });
        }
        const now = new Date();
        const unitHolders = await this.holders.holdersAt(unit.code);
        const result = assignPost(tree, unitHolders, { memberId, memberPosts: stored.posts, unitCode: unit.code, post: command.post, from: command.from ?? now });
        if (!result.ok) throw tenureError(result);
        if (!result.changed) return view(memberId, false, result.tenure, result.posts);
        if (await this.write(stored, result.posts, tree, now)) return view(memberId, true, result.tenure, result.posts);
      }
      throw concurrentUpdate(memberId);
    });
    if (!leased) {
      throw new ConflictException({ code: 'COMMITTEE.BUSY', message: `another change to the committee of ${unit.code} is in progress; try again` });
    }
    return leased.value;
  }

  /** Ends the member's current tenure of the post; only the unit needs to be the caller's. */
  async end(principal: Principal, memberId: string, command: { unitCode: string; post: PostKind; to?: Date }): Promise<MemberPostsView> {
    const { tree, unit } = await this.authorize(principal, command.unitCode);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const [stored] = await this.members.byIds([memberId]);
      if (!stored) throw memberNotFound(memberId);
      const now = new Date();
      const result = endPost(tree, { memberId, memberPosts: stored.posts, unitCode: unit.code, post: command.post, to: command.to ?? now });
      if (!result.ok) throw tenureError(result);
      if (await this.write(stored, result.posts, tree, now)) return view(memberId, true, result.tenure, result.posts);
    }
    throw concurrentUpdate(memberId);
  }

  /** The unit's office-bearers and other members now, and every tenure there was. */
  async committee(principal: Principal, unitCode: string) {
    const { unit } = await this.authorize(principal, unitCode);
    const holders = await this.holders.holdersAt(unit.code);
    const names = new Map(holders.map((holder) => [holder.memberId, holder.name]));
    const named = <T extends { memberId: string }>(tenures: T[]) => tenures.map((tenure) => ({ ...tenure, name: names.get(tenure.memberId) }));
    const listing = committeeListing(holders, unit.code, new Date());
    return {
      unit: { code: unit.code, level: unit.level, nameEn: unit.nameEn, ...(unit.nameHi ? { nameHi: unit.nameHi } : {}) },
      officeBearers: named(listing.officeBearers),
      members: named(listing.members),
      history: named(listing.history),
    };
  }

  private async authorize(principal: Principal, unitCode: string): Promise<{ tree: OrgTree; unit: Unit }> {
    const tree = await this.organisation.treeKnowing(unitCode);
    const allowed = authorizeUnit(tree, principal, unitCode);
    if (!allowed.ok) {
      if (allowed.code === 'ACCESS.UNKNOWN_UNIT') throw new NotFoundException({ code: allowed.code, message: allowed.reason });
      throw new ForbiddenException({ code: allowed.code, message: allowed.reason });
    }
    return { tree, unit: tree.get(unitCode)! };
  }

  /** As `GET /v1/members/:memberId` answers: 404 for no such member, 403 for one outside the subtree. */
  private async memberWithin(tree: OrgTree, principal: Principal, memberId: string): Promise<StoredMember> {
    const [stored] = await this.members.byIds([memberId]);
    if (!stored) throw memberNotFound(memberId);
    const allowed = authorizeUnit(tree, principal, stored.member.homeUnitCode);
    if (!allowed.ok) throw new ForbiddenException({ code: allowed.code, message: `member ${memberId}: ${allowed.reason}` });
    return stored;
  }

  private async write(stored: StoredMember, posts: PostRecord[], tree: OrgTree, now: Date): Promise<boolean> {
    if (posts.length > MAX_POSTS_PER_MEMBER) {
      throw new ConflictException({ code: 'COMMITTEE.TOO_MANY_POSTS', message: `member ${stored.member.id} has ${MAX_POSTS_PER_MEMBER} posts on record, the most a member record keeps` });
    }
    if (!(await this.members.update(stored, { ...stored.member, updatedAt: now }, posts, tree))) return false;
    await this.outbox.publishNow(stored.member.id);
    return true;
  }
}

function view(memberId: string, changed: boolean, tenure: PostRecord, posts: PostRecord[]): MemberPostsView {
  return { memberId, changed, tenure, posts };
}

const TENURE_STATUS: Record<TenureCode, HttpStatus> = {
  'COMMITTEE.UNKNOWN_UNIT': HttpStatus.NOT_FOUND,
  'COMMITTEE.NO_COMMITTEE_AT_LEVEL': HttpStatus.UNPROCESSABLE_ENTITY,
  'COMMITTEE.INVALID_TENURE': HttpStatus.BAD_REQUEST,
  'COMMITTEE.END_NOT_AFTER_START': HttpStatus.UNPROCESSABLE_ENTITY,
  'COMMITTEE.DUPLICATE_TENURE': HttpStatus.CONFLICT,
  'COMMITTEE.POST_OCCUPIED': HttpStatus.CONFLICT,
  'COMMITTEE.ALREADY_HOLDS_POST': HttpStatus.CONFLICT,
  'COMMITTEE.TENURE_NOT_FOUND': HttpStatus.NOT_FOUND,
  'COMMITTEE.TENURE_ENDED': HttpStatus.CONFLICT,
};

function tenureError(rejection: Rejection<TenureCode>): HttpException {
  return new HttpException({ code: rejection.code, message: rejection.reason }, TENURE_STATUS[rejection.code]);
}

function memberNotFound(memberId: string): NotFoundException {
  return new NotFoundException({ code: 'MEMBERSHIP.MEMBER_NOT_FOUND', message: `no member ${memberId}` });
}

function concurrentUpdate(memberId: string): ConflictException {
  return new ConflictException({ code: 'COMMITTEE.CONCURRENT_UPDATE', message: `member ${memberId} kept changing while the post was written; try again` });
}
