import type { OrgTree } from '../organisation/org-tree';
import { nameKey, nameKeys } from '../organisation/unit-name';

const NAMED_LEVELS = new Set(['district', 'block', 'panchayat']);
const MAX_WORDS = 3;

/**
 * Finds the unit a message names ("Kanke block me BDO nahi aaye", "रांची जिला"): every district,
 * block and panchayat name, in English and Hindi, looked up against the message's runs of one to
 * three words. A name shared by several units, or names of units in different branches, say
 * nothing for certain, so they place nothing; a block named with its own district is that block.
 */
export class UnitNameIndex {
  private readonly byKey = new Map<string, string[]>();

  constructor(private readonly tree: OrgTree) {
    for (const unit of tree.values()) {
      if (!NAMED_LEVELS.has(unit.level)) continue;
      for (const name of [unit.nameEn, unit.nameHi]) {
        for (const key of name ? nameKeys(name) : []) {
          // Very short keys ("co", "jh") are words first and places second.
          if (key.length < 4) continue;
          const codes = this.byKey.get(key) ?? [];
          if (!codes.includes(unit.code)) this.byKey.set(key, [...codes, unit.code]);
        }
      }
    }
  }

  /** The one unit the text names, or undefined. */
  namedIn(text: string): string | undefined {
    const words = nameKey(text).split(' ').filter(Boolean);
    const named = new Set<string>();
    for (let start = 0; start < words.length; start++) {
      for (let length = 1; length <= MAX_WORDS && start + length <= words.length; length++) {
        const codes = this.byKey.get(words.slice(start, start + length).join(' '));
        const unit = codes && this.outermostOfChain(codes);
        if (unit) named.add(unit);
      }
    }
    // The deepest unit that every other named unit contains (a block and its own district).
    const candidates = [...named].filter((code) => [...named].every((other) => this.tree.isWithin(code, other)));
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /**
   * One name for several units means something only when they are nested — a block and the
   * panchayat named after it — and then the outer one is certain: the message is in the block.
   */
  private outermostOfChain(codes: readonly string[]): string | undefined {
    const outer = codes.find((code) => codes.every((other) => this.tree.isWithin(other, code)));
    return outer;
  }
}
