import { type OrgUnit, type PostKind, UnitLevels, type UnitLevel } from '@cc/contracts';

export interface UnitInfo {
  readonly code: string;
  readonly level: UnitLevel;
  readonly parentCode?: string;
  readonly path: readonly string[];
  readonly nameEn: string;
  readonly nameHi?: string;
  readonly updatedAt: string;
}

export interface HeldPost {
  readonly unitCode: string;
  readonly post: PostKind;
}

export interface PostHolder {
  readonly memberId: string;
  readonly status: string;
  /** Posts held now (tenures without an end). */
  readonly posts: readonly HeldPost[];
  readonly updatedAt: string;
}

export const levelRank = (level: UnitLevel): number => UnitLevels.indexOf(level);

/**
 * Reporting's copy of the organisation (from `cc.membership.unit.v1`) and of who holds which post
 * now (from `cc.membership.member.v1`), in memory: the roll-ups, scoping, silent units and
 * committee coverage read it. Latest `updatedAt` per key wins, so a replayed record changes nothing.
 */
export class OrgModel {
  private readonly units = new Map<string, UnitInfo>();
  private readonly children = new Map<string, Set<string>>();
  private readonly holders = new Map<string, PostHolder>();

  static of(units: readonly OrgUnit[], holders: readonly PostHolder[] = []): OrgModel {
    const model = new OrgModel();
    for (const unit of units) model.applyUnit(unit);
    for (const holder of holders) model.applyHolder(holder);
    return model;
  }

  get size(): number {
    return this.units.size;
  }

  applyUnit(unit: Pick<OrgUnit, 'code' | 'level' | 'parentCode' | 'path' | 'nameEn' | 'nameHi' | 'updatedAt'>): boolean {
    const known = this.units.get(unit.code);
    if (known && Date.parse(known.updatedAt) > Date.parse(unit.updatedAt)) return false;
    if (unit.path[unit.path.length - 1] !== unit.code || unit.path.length !== levelRank(unit.level) + 1) return false;
    if (known?.parentCode) this.children.get(known.parentCode)?.delete(unit.code);
    this.units.set(unit.code, {
      code: unit.code,
      level: unit.level,
      ...(unit.parentCode ? { parentCode: unit.parentCode } : {}),
      path: [...unit.path],
      nameEn: unit.nameEn,
      ...(unit.nameHi ? { nameHi: unit.nameHi } : {}),
      updatedAt: unit.updatedAt,
    });
    if (unit.parentCode) {
      const siblings = this.children.get(unit.parentCode) ?? new Set<string>();
      siblings.add(unit.code);
      this.children.set(unit.parentCode, siblings);
    }
    return true;
  }

  applyHolder(holder: PostHolder): boolean {
    const known = this.holders.get(holder.memberId);
    if (known && Date.parse(known.updatedAt) > Date.parse(holder.updatedAt)) return false;
    this.holders.set(holder.memberId, holder);
    return true;
  }

  get(code: string): UnitInfo | undefined {
    return this.units.get(code);
  }

  childrenOf(code: string): UnitInfo[] {
    return [...(this.children.get(code) ?? [])].map((child) => this.units.get(child)!).sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Whether `code` is `ancestor` or below it; false when either is unknown. */
  isWithin(code: string, ancestor: string): boolean {
    return this.units.has(ancestor) && (this.units.get(code)?.path.includes(ancestor) ?? false);
  }

  /** The units at `level` in the subtree of `code` (itself included when at that level). */
  descendantsAt(code: string, level: UnitLevel): UnitInfo[] {
    const root = this.units.get(code);
    if (!root) return [];
    const found: UnitInfo[] = [];
    const walk = (unit: UnitInfo) => {
      if (unit.level === level) {
        found.push(unit);
        return;
      }
      if (levelRank(unit.level) > levelRank(level)) return;
      for (const child of this.childrenOf(unit.code)) walk(child);
    };
    walk(root);
    return found;
  }

  /** Active members' current posts at a unit. */
  postsAt(unitCode: string): HeldPost[] {
    const posts: HeldPost[] = [];
    for (const holder of this.holders.values()) {
      if (holder.status !== 'active') continue;
      for (const post of holder.posts) if (post.unitCode === unitCode) posts.push(post);
    }
    return posts;
  }

  /** Every unit with an active holder, with the posts held there: one pass over the holders. */
  postsByUnit(): Map<string, Set<PostKind>> {
    const byUnit = new Map<string, Set<PostKind>>();
    for (const holder of this.holders.values()) {
      if (holder.status !== 'active') continue;
      for (const { unitCode, post } of holder.posts) {
        const posts = byUnit.get(unitCode) ?? new Set<PostKind>();
        posts.add(post);
        byUnit.set(unitCode, posts);
      }
    }
    return byUnit;
  }
}
