import type { StoredMember } from '../members/store/members.repository';

/** What a lookup answered for a key: the member, null (claimed, member not stored), or undefined (nobody's). */
export type SenderAnswer = StoredMember | null | undefined;

interface Entry {
  answer: SenderAnswer;
  memberId?: string;
  expiresAt: number;
}

/** A member whose record changed, and sender keys that were claimed or released. */
export interface SenderChange {
  memberIds?: readonly string[];
  keys?: readonly string[];
}

/**
 * Who each sender key was when attribution last read it, so that a member who writes several
 * messages is read from the store once. Kept correct two ways:
 *
 * - this process's own writes (`MembersRepository` reports every member write, identity claim and
 *   release) drop what they touch at once, and a lookup that was reading while any write landed is
 *   not kept (`begin` / `remember`), so it cannot put back what the write replaced;
 * - a write by another replica is seen when the entry expires: an answer is at most `ttlMs` old.
 *
 * Oldest entries go first beyond `maxEntries`. `ttlMs` or `maxEntries` 0 turns it off.
 */
export class SenderCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysOfMember = new Map<string, Set<string>>();
  private epoch = 0;

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number },
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The answers still fresh among `keys`, and the keys to read from the store. */
  lookup(keys: readonly string[]): { found: Map<string, SenderAnswer>; missing: string[] } {
    const found = new Map<string, SenderAnswer>();
    const missing: string[] = [];
    const now = this.now();
    for (const key of new Set(keys)) {
      const entry = this.entries.get(key);
      if (entry && entry.expiresAt > now) found.set(key, entry.answer);
      else {
        if (entry) this.drop(key);
        missing.push(key);
      }
    }
    return { found, missing };
  }

  /** Taken before reading the store; `remember` keeps the answers only if no write landed since. */
  begin(): number {
    return this.epoch;
  }

  remember(since: number, answers: ReadonlyMap<string, SenderAnswer>): void {
    if (since !== this.epoch || this.options.ttlMs <= 0 || this.options.maxEntries <= 0) return;
    const expiresAt = this.now() + this.options.ttlMs;
    for (const [key, answer] of answers) {
      this.drop(key);
      const memberId = answer?.member.id;
      this.entries.set(key, { answer, expiresAt, ...(memberId ? { memberId } : {}) });
      if (memberId) (this.keysOfMember.get(memberId) ?? this.keysOfMember.set(memberId, new Set()).get(memberId)!).add(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.drop(key);
    }
  }

  forget(change: SenderChange): void {
    this.epoch += 1;
    for (const key of change.keys ?? []) this.drop(key);
    for (const memberId of change.memberIds ?? []) for (const key of [...(this.keysOfMember.get(memberId) ?? [])]) this.drop(key);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (!entry.memberId) return;
    const keys = this.keysOfMember.get(entry.memberId);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOfMember.delete(entry.memberId);
  }
}
