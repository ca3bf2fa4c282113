import type { Member, PostKind } from '@cc/contracts';

/** What the read model keeps of a member: no name, no phone, only who held what when. */
export type PostHolderRecord = Pick<Member, 'memberId' | 'status' | 'posts' | 'updatedAt'>;

/** One post of one unit's committee. */
export interface PostRef {
  readonly unitCode: string;
  readonly post: PostKind;
}

/**
 * Who held which post when, as the guard and the router ask it. Tenures are never forgotten, so
 * "who was president of Kanke when this complaint was filed" has an answer after a change.
 */
export interface PostHoldersView {
  /** Member ids holding the post at that instant, whatever their status now. */
  holdersAt(unitCode: string, post: PostKind, at: Date): readonly string[];
  postsAt(memberId: string, at: Date): readonly PostRef[];
  /** The units whose committee the member was president of at that instant. */
  presidedUnitsAt(memberId: string, at: Date): readonly string[];
  /** Active members receive cases; suspended and departed ones still count for the guard. */
  isActive(memberId: string): boolean;
}

/** Posts that make their holder an office-bearer (पदाधिकारी): all but plain committee membership. */
export const OFFICE_BEARER_POSTS: readonly PostKind[] = [
  'president',
  'vice-president',
  'general-secretary',
  'secretary',
  'treasurer',
  'grievance-convenor',
];

interface Holding extends PostRef {
  readonly memberId: string;
  readonly from: number;
  /** Exclusive, as membership's tenures: a successor may start at the same instant. */
  readonly to: number;
}

interface MemberEntry {
  readonly updatedAt: number;
  readonly active: boolean;
  readonly holdings: readonly Holding[];
}

/**
 * The members topic (compacted, latest record per member) folded into memory: each record carries
 * the member's whole post history, so applying it replaces what was known. An older record
 * arriving after a newer one (a redelivery) is ignored.
 */
export class PostHoldersReadModel implements PostHoldersView {
  private readonly members = new Map<string, MemberEntry>();
  private readonly byUnit = new Map<string, Holding[]>();

  static of(members: readonly PostHolderRecord[]): PostHoldersReadModel {
    const model = new PostHoldersReadModel();
    for (const member of members) model.apply(member);
    return model;
  }

  apply(member: PostHolderRecord): 'applied' | 'stale' {
    const updatedAt = Date.parse(member.updatedAt);
    const known = this.members.get(member.memberId);
    if (known && known.updatedAt > updatedAt) return 'stale';
    for (const holding of known?.holdings ?? []) {
      const unit = this.byUnit.get(holding.unitCode) ?? [];
      this.byUnit.set(
        holding.unitCode,
        unit.filter((each) => each.memberId !== member.memberId),
      );
    }
    const holdings = member.posts.map((tenure) => ({
      memberId: member.memberId,
      unitCode: tenure.unitCode,
      post: tenure.post,
      from: Date.parse(tenure.from),
      to: tenure.to === undefined ? Infinity : Date.parse(tenure.to),
    }));
    for (const holding of holdings) this.byUnit.set(holding.unitCode, [...(this.byUnit.get(holding.unitCode) ?? []), holding]);
    this.members.set(member.memberId, { updatedAt, active: member.status === 'active', holdings });
    return 'applied';
  }

  holdersAt(unitCode: string, post: PostKind, at: Date): readonly string[] {
    const held = (this.byUnit.get(unitCode) ?? []).filter((each) => each.post === post && heldAt(each, at));
    return [...new Set(held.map((each) => each.memberId))];
  }

  postsAt(memberId: string, at: Date): readonly PostRef[] {
    return (this.members.get(memberId)?.holdings ?? []).filter((each) => heldAt(each, at)).map(({ unitCode, post }) => ({ unitCode, post }));
  }

  presidedUnitsAt(memberId: string, at: Date): readonly string[] {
    return this.postsAt(memberId, at)
      .filter((each) => each.post === 'president')
      .map((each) => each.unitCode);
  }

  isActive(memberId: string): boolean {
    return this.members.get(memberId)?.active ?? false;
  }
}

function heldAt(holding: Holding, at: Date): boolean {
  const instant = at.getTime();
  return holding.from <= instant && instant < holding.to;
}
