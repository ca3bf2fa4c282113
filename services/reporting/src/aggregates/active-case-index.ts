import type { CaseState } from './case-fold';

/** An active case as queries read it: its state, and when it is overdue (parsed once, not per query). */
export interface ActiveCase {
  readonly state: CaseState;
  readonly overdueAt: number;
}

/** Active and overdue cases of one unit now: what the open/overdue view and the dashboard show. */
export interface OpenSummary {
  active: number;
  overdue: number;
  byCategory: Record<string, number>;
  /** Per unit one level down that holds active cases (by the cases' paths): active and overdue. */
  children: Map<string, { active: number; overdue: number }>;
  /** The overdue cases, most overdue first (ties: the order the cases became active here), at most `limit`. */
  queue: ActiveCase[];
}

/**
 * One case's place in the index. Immutable but for `active`: a new version that keeps the case's
 * deadline, category and path only swaps `active`; anything else replaces the entry.
 */
interface Entry {
  readonly caseId: string;
  /** When the case entered the index: ties on the deadline keep that order, as the old walk over the Map did. */
  readonly seq: number;
  /** `overdueAt`, with an unparseable deadline (NaN: never overdue) ordered last. */
  readonly due: number;
  readonly category: string;
  readonly path: readonly string[];
  active: ActiveCase;
}

const compare = (a: Entry, b: Entry): number => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.seq - b.seq);

/** Below this many pending changes a list is patched in place (binary search + splice); above, filtered and re-sorted. */
const PATCH_LIMIT = 32;

/**
 * Entries ordered by deadline, then seq. Changes are queued and applied by `flush`: a few are
 * spliced in (O(log n) search + a move), a batch (start-up, a refresh that found many changes)
 * costs one filter and one sort (TimSort merges the appended run with the sorted one).
 */
class DeadlineList {
  items: Entry[] = [];
  private added: Entry[] = [];
  private removed = new Set<Entry>();
  /** Entries held once pending changes are applied. */
  size = 0;

  add(entry: Entry): void {
    this.added.push(entry);
    this.size++;
  }

  remove(entry: Entry): void {
    this.removed.add(entry);
    this.size--;
  }

  flush(): void {
    if (this.added.length === 0 && this.removed.size === 0) return;
    let added = this.added;
    let removed = this.removed;
    if (added.length > 0 && removed.size > 0) {
      // Added and removed again before a flush (a case that closed within the batch): neither.
      const pending = new Set(added);
      const transient = new Set([...removed].filter((entry) => pending.has(entry)));
      if (transient.size > 0) {
        added = added.filter((entry) => !transient.has(entry));
        removed = new Set([...removed].filter((entry) => !transient.has(entry)));
      }
    }
    if (added.length + removed.size <= PATCH_LIMIT) {
      for (const entry of removed) {
        const at = lowerBound(this.items, entry);
        if (this.items[at] !== entry) throw new Error(`active-case index out of step: ${entry.caseId} is not where its deadline puts it`);
        this.items.splice(at, 1);
      }
      for (const entry of added) this.items.splice(lowerBound(this.items, entry), 0, entry);
    } else {
      const kept = removed.size === 0 ? this.items : this.items.filter((entry) => !removed.has(entry));
      for (const entry of added) kept.push(entry);
      this.items = kept.sort(compare);
    }
    this.added = [];
    this.removed = new Set();
    if (this.items.length !== this.size) throw new Error(`active-case index out of step: ${this.items.length} entries, ${this.size} expected`);
  }

  /** How many entries are due before `t`, i.e. overdue at `t` (`t > overdueAt`, as `isOverdue`). */
  dueBefore(t: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.due < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function lowerBound(items: readonly Entry[], entry: Entry): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(items[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The active cases whose path holds one unit at one depth, and the same per unit one level down. */
class UnitNode {
  readonly cases = new DeadlineList();
  readonly categories = new Map<string, number>();
  readonly children = new Map<string, DeadlineList>();
}

/**
 * Reporting's active cases, indexed for the open/overdue view: for every unit on a case's path (by
 * depth, as the view matches `unitPath[depth] === unit`) the unit's cases ordered by deadline, its
 * count per category, and the same ordered list per unit one level down. A unit's answer then costs
 * O(children x log n + queue length) instead of a walk over every active case.
 *
 * Kept in step with the in-memory copy: `set` and `delete` follow every change AggregatesStore
 * applies (load, the consumer's writes, refreshes), so redelivery is handled where it is today
 * (an event not above the stored version never reaches here); setting the same state again
 * changes nothing. Iteration (`values`) is in the order cases became active, as a Map's.
 */
export class ActiveCaseIndex {
  private readonly byId = new Map<string, Entry>();
  private readonly depths: Array<Map<string, UnitNode>> = [];
  private readonly dirty = new Set<DeadlineList>();
  private nextSeq = 0;

  get size(): number {
    return this.byId.size;
  }

  get(caseId: string): ActiveCase | undefined {
    return this.byId.get(caseId)?.active;
  }

  *values(): IterableIterator<ActiveCase> {
    for (const entry of this.byId.values()) yield entry.active;
  }

  *entries(): IterableIterator<[string, ActiveCase]> {
    for (const [caseId, entry] of this.byId) yield [caseId, entry.active];
  }

  /** Adds or replaces a case (keeping its place in the order of ties when it was already here). */
  set(caseId: string, active: ActiveCase): void {
    const known = this.byId.get(caseId);
    const due = Number.isNaN(active.overdueAt) ? Infinity : active.overdueAt;
    const { category, unitPath } = active.state;
    if (known && known.due === due && known.category === category && samePath(known.path, unitPath)) {
      known.active = active;
      return;
    }
    if (known) this.unlink(known);
    const entry: Entry = { caseId, seq: known?.seq ?? this.nextSeq++, due, category, path: unitPath, active };
    this.byId.set(caseId, entry);
    this.link(entry);
  }

  delete(caseId: string): boolean {
    const known = this.byId.get(caseId);
    if (!known) return false;
    this.byId.delete(caseId);
    this.unlink(known);
    return true;
  }

  /** Applies the queued changes to the ordered lists; called after each batch of writes (and by every read). */
  flush(): void {
    for (const list of this.dirty) list.flush();
    this.dirty.clear();
  }

  /** Active and overdue at `now` for the unit at `depth` of the cases' paths (its path length - 1). */
  open(depth: number, code: string, now: number, limit: number): OpenSummary {
    this.flush();
    const node = this.depths[depth]?.get(code);
    if (!node) return { active: 0, overdue: 0, byCategory: {}, children: new Map(), queue: [] };
    const overdue = node.cases.dueBefore(now);
    const children = new Map<string, { active: number; overdue: number }>();
    for (const [child, list] of node.children) if (list.size > 0) children.set(child, { active: list.size, overdue: list.dueBefore(now) });
    return {
      active: node.cases.size,
      overdue,
      byCategory: Object.fromEntries(node.categories),
      children,
      queue: node.cases.items.slice(0, Math.min(overdue, limit)).map((entry) => entry.active),
    };
  }

  private link(entry: Entry): void {
    entry.path.forEach((code, depth) => {
      const node = this.node(depth, code);
      this.change(node.cases, entry, +1);
      node.categories.set(entry.category, (node.categories.get(entry.category) ?? 0) + 1);
      const child = entry.path[depth + 1];
      if (child === undefined) return;
      let list = node.children.get(child);
      if (!list) node.children.set(child, (list = new DeadlineList()));
      this.change(list, entry, +1);
    });
  }

  private unlink(entry: Entry): void {
    entry.path.forEach((code, depth) => {
      const node = this.depths[depth]!.get(code)!;
      this.change(node.cases, entry, -1);
      const left = node.categories.get(entry.category)! - 1;
      if (left === 0) node.categories.delete(entry.category);
      else node.categories.set(entry.category, left);
      const child = entry.path[depth + 1];
      if (child === undefined) return;
      const list = node.children.get(child)!;
      this.change(list, entry, -1);
      // An empty list of a child the org does not know would otherwise stay listed with zeros.
      if (list.size === 0) {
        node.children.delete(child);
        this.dirty.delete(list);
      }
    });
  }

  private change(list: DeadlineList, entry: Entry, sign: 1 | -1): void {
    if (sign > 0) list.add(entry);
    else list.remove(entry);
    this.dirty.add(list);
  }

  private node(depth: number, code: string): UnitNode {
    let level = this.depths[depth];
    if (!level) this.depths[depth] = level = new Map();
    let node = level.get(code);
    if (!node) level.set(code, (node = new UnitNode()));
    return node;
  }
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code, i) => code === b[i]);
}
