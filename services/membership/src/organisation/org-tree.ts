import type { Rejection } from '../shared/rejection';
import { canParent, canonicalUnitCode, parentLevelOf, UNIT_LEVELS, type Unit, type UnitLevel } from './unit';
import { nameKey, nameKeys } from './unit-name';

export type OrgProblemCode =
  | 'ORG.DUPLICATE_CODE'
  | 'ORG.CODE_CONFLICT'
  | 'ORG.SECOND_NATIONAL'
  | 'ORG.UNKNOWN_PARENT'
  | 'ORG.PARENT_REJECTED'
  | 'ORG.LEVEL_ORDER'
  | 'ORG.CYCLE';

/** Why one unit of a batch was not added; `index` is its position in the batch. */
export interface UnitProblem extends Rejection<OrgProblemCode> {
  index: number;
  unitCode: string;
}

export interface AddUnitsResult {
  added: string[];
  /** Known units whose names changed; nothing else about a unit can change. */
  renamed: string[];
  unchanged: string[];
  problems: UnitProblem[];
}

export type BuildTreeResult =
  | { ok: true; tree: OrgTree }
  | (Rejection<'ORG.NO_NATIONAL' | 'ORG.INVALID_UNITS'> & { problems: UnitProblem[] });

export interface FindUnitOptions {
  /** Only units of these levels. */
  levels?: readonly UnitLevel[];
  /** Only units within this one (itself included). */
  within?: string;
}

export type UnitMatch =
  | { kind: 'found'; unit: Unit }
  | { kind: 'ambiguous'; candidates: Unit[] }
  | { kind: 'not-found' };

type AttachState = 'visiting' | 'added' | 'rejected';

/**
 * The organisation in memory: one national unit, every other unit under a parent exactly one
 * level above it. Every change is validated, so a tree is always whole. Subtree questions walk the
 * parent links (at most five steps); nothing is read from the shape of a code.
 */
export class OrgTree {
  private readonly units = new Map<string, Unit>();
  private readonly children = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();

  private constructor(readonly root: Unit) {
    this.insert(root);
  }

  /** A tree of exactly the given units, in any order; all of them valid or no tree. */
  static build(units: readonly Unit[]): BuildTreeResult {
    const root = units.find((unit) => unit.level === 'national');
    if (!root) return { ok: false, code: 'ORG.NO_NATIONAL', reason: 'no unit has the level national', problems: [] };
    const tree = new OrgTree(root);
    const { problems } = tree.addAll(units);
    if (problems.length > 0) {
      return {
        ok: false,
        code: 'ORG.INVALID_UNITS',
        reason: `${problems.length} unit${problems.length > 1 ? 's are' : ' is'} not valid`,
        problems,
      };
    }
    return { ok: true, tree };
  }

  get size(): number {
    return this.units.size;
  }

  get(code: string): Unit | undefined {
    return this.units.get(canonicalUnitCode(code));
  }

  has(code: string): boolean {
    return this.get(code) !== undefined;
  }

  values(): IterableIterator<Unit> {
    return this.units.values();
  }

  parentOf(code: string): Unit | undefined {
    const parentCode = this.get(code)?.parentCode;
    return parentCode === undefined ? undefined : this.units.get(parentCode);
  }

  /** Parent first, the national unit last; empty for the national unit or an unknown code. */
  ancestorsOf(code: string): Unit[] {
    const ancestors: Unit[] = [];
    for (let unit = this.parentOf(code); unit; unit = this.parentOf(unit.code)) ancestors.push(unit);
    return ancestors;
  }

  /** Codes from the national unit down to the unit: `['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA']`. */
  pathOf(code: string): string[] | undefined {
    const unit = this.get(code);
    if (!unit) return undefined;
    return [unit, ...this.ancestorsOf(unit.code)].map((each) => each.code).reverse();
  }

  /** Whether `code` is `ancestorCode` or below it. False when either is unknown. */
  isWithin(code: string, ancestorCode: string): boolean {
    const ancestor = this.get(ancestorCode);
    if (!ancestor) return false;
    for (let unit = this.get(code); unit; unit = this.parentOf(unit.code)) {
      if (unit.code === ancestor.code) return true;
    }
    return false;
  }

  childrenOf(code: string): Unit[] {
    return (this.children.get(canonicalUnitCode(code)) ?? []).map((child) => this.units.get(child)!);
  }

  /** Every unit below `code`, depth first. */
  *descendantsOf(code: string): Generator<Unit> {
    for (const child of this.childrenOf(code)) {
      yield child;
      yield* this.descendantsOf(child.code);
    }
  }

  countByLevel(): Record<UnitLevel, number> {
    const counts = Object.fromEntries(UNIT_LEVELS.map((level) => [level, 0])) as Record<UnitLevel, number>;
    for (const unit of this.units.values()) counts[unit.level] += 1;
    return counts;
  }

  /** "Chainpur, Palamu, Jharkhand": enough to tell units of the same name apart. Hindi falls back to English. */
  qualifiedName(code: string, language: 'en' | 'hi' = 'en'): string | undefined {
    const unit = this.get(code);
    if (!unit) return undefined;
    const ancestors = this.ancestorsOf(unit.code).filter((each) => each.level !== 'national');
    const nameOf = (each: Unit) => (language === 'hi' ? (each.nameHi ?? each.nameEn) : each.nameEn);
    return [unit, ...ancestors].map(nameOf).join(', ');
  }

  /**
   * A unit by its code or its English or Hindi name, for people who type it ("JOIN Angara",
   * "जुड़ें अनगड़ा"). Names are compared by {@link nameKey}. More than one unit of that name is
   * reported with every candidate, never guessed; names after commas narrow it down by the names
   * (or codes) of ancestors: "Chainpur, Palamu".
   */
  findByName(query: string, options: FindUnitOptions = {}): UnitMatch {
    const [head = '', ...qualifiers] = query.split(',').map((part) => part.trim());
    const byCode = this.get(head);
    let candidates = byCode ? [byCode] : (this.byName.get(nameKey(head)) ?? []).map((code) => this.units.get(code)!);
    const { levels, within } = options;
    if (levels) candidates = candidates.filter((unit) => levels.includes(unit.level));
    if (within !== undefined) candidates = candidates.filter((unit) => this.isWithin(unit.code, within));
    for (const qualifier of qualifiers.filter((part) => part !== '')) {
      candidates = candidates.filter((unit) => this.ancestorsOf(unit.code).some((ancestor) => answersTo(ancestor, qualifier)));
    }
    if (candidates.length === 0) return { kind: 'not-found' };
    if (candidates.length === 1) return { kind: 'found', unit: candidates[0] };
    return { kind: 'ambiguous', candidates: candidates.sort(byCodeOrder) };
  }

  add(unit: Unit): AddUnitsResult {
    return this.addAll([unit]);
  }

  /**
   * Adds what is new, renames what is known, in any order (a panchayat may come before its new
   * block). A unit whose parent fails fails too. Importing the same units again changes nothing.
   * A missing Hindi name keeps the one the tree has: the reference data has none for blocks, and
   * re-importing it must not erase names added since.
   */
  addAll(units: readonly Unit[]): AddUnitsResult {
    const result: AddUnitsResult = { added: [], renamed: [], unchanged: [], problems: [] };
    const problem = (index: number, unitCode: string, code: OrgProblemCode, reason: string) =>
      result.problems.push({ ok: false, code, reason, index, unitCode });

    const pending = new Map<string, { unit: Unit; index: number }>();
    const seen = new Set<string>();
    units.forEach((unit, index) => {
      if (seen.has(unit.code)) return problem(index, unit.code, 'ORG.DUPLICATE_CODE', `${unit.code} is listed more than once`);
      seen.add(unit.code);
      const known = this.units.get(unit.code);
      if (known) return this.update(known, unit, index, result, problem);
      if (unit.level === 'national') {
        return problem(index, unit.code, 'ORG.SECOND_NATIONAL', `there is already a national unit, ${this.root.code}`);
      }
      pending.set(unit.code, { unit, index });
    });

    const states = new Map<string, AttachState>();
    const attach = (code: string): boolean => {
      const state = states.get(code);
      if (state) return state === 'added';
      const { unit, index } = pending.get(code)!;
      const parentCode = unit.parentCode!;
      const fail = (code: OrgProblemCode, reason: string) => {
        states.set(unit.code, 'rejected');
        problem(index, unit.code, code, reason);
        return false;
      };
      states.set(code, 'visiting');
      if (!this.units.has(parentCode)) {
        if (!pending.has(parentCode)) return fail('ORG.UNKNOWN_PARENT', `its parent ${parentCode} is not a known unit`);
        if (states.get(parentCode) === 'visiting') return fail('ORG.CYCLE', `its parent ${parentCode} descends from it`);
        if (!attach(parentCode)) return fail('ORG.PARENT_REJECTED', `its parent ${parentCode} was not added`);
      }
      const parent = this.units.get(parentCode)!;
      if (!canParent(parent.level, unit.level)) {
        return fail(
          'ORG.LEVEL_ORDER',
          `a ${unit.level} belongs under a ${parentLevelOf(unit.level)}, and ${parentCode} is a ${parent.level}`,
        );
      }
      this.insert(unit);
      states.set(code, 'added');
      result.added.push(code);
      return true;
    };
    for (const code of pending.keys()) attach(code);

    result.problems.sort((a, b) => a.index - b.index);
    return result;
  }

  private update(
    known: Unit,
    unit: Unit,
    index: number,
    result: AddUnitsResult,
    problem: (index: number, unitCode: string, code: OrgProblemCode, reason: string) => void,
  ): void {
    if (known.level !== unit.level || known.parentCode !== unit.parentCode) {
      const where = known.parentCode ? ` under ${known.parentCode}` : '';
      return problem(index, unit.code, 'ORG.CODE_CONFLICT', `${unit.code} is already a ${known.level}${where}; a unit cannot move or change level`);
    }
    const nameHi = unit.nameHi ?? known.nameHi;
    if (known.nameEn === unit.nameEn && known.nameHi === nameHi) {
      result.unchanged.push(unit.code);
      return;
    }
    this.unindexNames(known);
    const renamed = Object.freeze({ ...known, nameEn: unit.nameEn, ...(nameHi ? { nameHi } : {}) });
    this.units.set(renamed.code, renamed);
    this.indexNames(renamed);
    result.renamed.push(unit.code);
  }

  private insert(unit: Unit): void {
    this.units.set(unit.code, unit);
    this.children.set(unit.code, []);
    if (unit.parentCode !== undefined) this.children.get(unit.parentCode)!.push(unit.code);
    this.indexNames(unit);
  }

  private indexNames(unit: Unit): void {
    for (const key of unitNameKeys(unit)) {
      const codes = this.byName.get(key);
      if (codes) codes.push(unit.code);
      else this.byName.set(key, [unit.code]);
    }
  }

  private unindexNames(unit: Unit): void {
    for (const key of unitNameKeys(unit)) {
      const codes = this.byName.get(key)!.filter((code) => code !== unit.code);
      if (codes.length > 0) this.byName.set(key, codes);
      else this.byName.delete(key);
    }
  }
}

function unitNameKeys(unit: Unit): Set<string> {
  return new Set([...nameKeys(unit.nameEn), ...(unit.nameHi ? nameKeys(unit.nameHi) : [])]);
}

function answersTo(unit: Unit, qualifier: string): boolean {
  if (unit.code === canonicalUnitCode(qualifier)) return true;
  const key = nameKey(qualifier);
  return unitNameKeys(unit).has(key);
}

function byCodeOrder(a: Unit, b: Unit): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
