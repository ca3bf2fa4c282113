import type { OrgTree } from '../organisation/org-tree';
import { reject, type Rejection } from '../shared/rejection';
import { committeeOf, type CommitteeCode } from './committee';
import { POST_KINDS, type PostKind } from './post-kind';
import { isHeldAt, overlaps, type Tenure } from './tenure';

export type TenureCode =
  | CommitteeCode
  | 'COMMITTEE.INVALID_TENURE'
  | 'COMMITTEE.DUPLICATE_TENURE'
  | 'COMMITTEE.END_NOT_AFTER_START'
  | 'COMMITTEE.POST_OCCUPIED'
  | 'COMMITTEE.ALREADY_HOLDS_POST'
  | 'COMMITTEE.TENURE_NOT_FOUND'
  | 'COMMITTEE.TENURE_ENDED';

export interface AssignPost {
  /** Given by the caller, so the store and the register agree on it. */
  id: string;
  memberId: string;
  unitCode: string;
  post: PostKind;
  from: Date;
  /** For recording a past tenure; absent for a post held from now on. */
  to?: Date;
}

type TenureResult = { ok: true; tenure: Tenure } | Rejection<TenureCode>;

/**
 * Who held which post of which committee, and when. Tenures are never removed: ending one keeps
 * it, so the question "who was president of Angara when this complaint was filed" has an answer
 * after the president changed. Rules:
 * - a single-holder post (president, treasurer, grievance convenor) has one holder at a time;
 * - a member holds one post in a committee at a time (ending one before taking another);
 * - a tenure ends after it starts.
 */
export class PostRegister {
  private readonly byId = new Map<string, Tenure>();
  private readonly byUnit = new Map<string, Tenure[]>();
  private readonly byMember = new Map<string, Tenure[]>();

  constructor(private readonly tree: OrgTree) {}

  assign(command: AssignPost): TenureResult {
    const { id, memberId, post, from, to } = command;
    if (!id || !memberId) return reject('COMMITTEE.INVALID_TENURE', 'a tenure needs an id and a member');
    if (!(post in POST_KINDS)) return reject('COMMITTEE.INVALID_TENURE', `"${post}" is not a post`);
    if (!isValidDate(from) || (to !== undefined && !isValidDate(to))) {
      return reject('COMMITTEE.INVALID_TENURE', 'the dates of a tenure must be valid');
    }
    if (to !== undefined && to.getTime() <= from.getTime()) return endNotAfterStart(from, to);
    if (this.byId.has(id)) return reject('COMMITTEE.DUPLICATE_TENURE', `a tenure ${id} already exists`);
    const committee = committeeOf(this.tree, command.unitCode);
    if (!committee.ok) return committee;
    const { unitCode } = committee.committee;
    const candidate: Tenure = Object.freeze({ id, memberId, unitCode, post, from, ...(to ? { to } : {}) });

    const concurrent = this.tenuresOf(this.byUnit, unitCode).filter((tenure) => overlaps(tenure, candidate));
    const own = concurrent.find((tenure) => tenure.memberId === memberId);
    if (own) {
      return reject(
        'COMMITTEE.ALREADY_HOLDS_POST',
        `member ${memberId} holds the ${own.post} post of ${unitCode} from ${own.from.toISOString()} (tenure ${own.id}); end it first`,
      );
    }
    const holder = POST_KINDS[post].singleHolder ? concurrent.find((tenure) => tenure.post === post) : undefined;
    if (holder) {
      const since = `from ${holder.from.toISOString()} (tenure ${holder.id})`;
      return reject(
        'COMMITTEE.POST_OCCUPIED',
        `${unitCode} has one ${post} at a time, and member ${holder.memberId} holds it ${since}; end that tenure first`,
      );
    }
    this.store(candidate);
    return { ok: true, tenure: candidate };
  }

  end(tenureId: string, to: Date): TenureResult {
    const tenure = this.byId.get(tenureId);
    if (!tenure) return reject('COMMITTEE.TENURE_NOT_FOUND', `there is no tenure ${tenureId}`);
    if (tenure.to) return reject('COMMITTEE.TENURE_ENDED', `tenure ${tenureId} already ended at ${tenure.to.toISOString()}`);
    if (!isValidDate(to)) return reject('COMMITTEE.INVALID_TENURE', 'the end of a tenure must be a valid date');
    if (to.getTime() <= tenure.from.getTime()) return endNotAfterStart(tenure.from, to);
    const ended: Tenure = Object.freeze({ ...tenure, to });
    this.store(ended);
    return { ok: true, tenure: ended };
  }

  get(tenureId: string): Tenure | undefined {
    return this.byId.get(tenureId);
  }

  /** Who held the post at that instant: one member for a single-holder post, possibly several otherwise. */
  holdersAt(unitCode: string, post: PostKind, at: Date): Tenure[] {
    return this.unitTenures(unitCode).filter((tenure) => tenure.post === post && isHeldAt(tenure, at));
  }

  /** The committee's office-bearers at that instant (ordinary members left out). */
  officeBearersAt(unitCode: string, at: Date): Tenure[] {
    return this.unitTenures(unitCode).filter((tenure) => POST_KINDS[tenure.post].officeBearer && isHeldAt(tenure, at));
  }

  postsHeldBy(memberId: string, at: Date): Tenure[] {
    return this.tenuresOf(this.byMember, memberId).filter((tenure) => isHeldAt(tenure, at));
  }

  /** The units a member was president of at that instant: what the conflict-of-interest guard asks. */
  presidedUnitsAt(memberId: string, at: Date): string[] {
    return this.postsHeldBy(memberId, at)
      .filter((tenure) => tenure.post === 'president')
      .map((tenure) => tenure.unitCode);
  }

  /** Every tenure of the committee, or of one of its posts, oldest first. */
  historyOf(unitCode: string, post?: PostKind): Tenure[] {
    return this.unitTenures(unitCode)
      .filter((tenure) => post === undefined || tenure.post === post)
      .sort((a, b) => a.from.getTime() - b.from.getTime());
  }

  historyOfMember(memberId: string): Tenure[] {
    return [...this.tenuresOf(this.byMember, memberId)].sort((a, b) => a.from.getTime() - b.from.getTime());
  }

  private unitTenures(unitCode: string): Tenure[] {
    const unit = this.tree.get(unitCode);
    return unit ? this.tenuresOf(this.byUnit, unit.code) : [];
  }

  private tenuresOf(index: Map<string, Tenure[]>, key: string): Tenure[] {
    return index.get(key) ?? [];
  }

  private store(tenure: Tenure): void {
    this.byId.set(tenure.id, tenure);
    replaceIn(this.byUnit, tenure.unitCode, tenure);
    replaceIn(this.byMember, tenure.memberId, tenure);
  }
}

function replaceIn(index: Map<string, Tenure[]>, key: string, tenure: Tenure): void {
  const tenures = (index.get(key) ?? []).filter((each) => each.id !== tenure.id);
  index.set(key, [...tenures, tenure]);
}

function endNotAfterStart(from: Date, to: Date): Rejection<'COMMITTEE.END_NOT_AFTER_START'> {
  return reject('COMMITTEE.END_NOT_AFTER_START', `a tenure that starts ${from.toISOString()} must end after it, not ${to.toISOString()}`);
}

function isValidDate(date: unknown): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}
