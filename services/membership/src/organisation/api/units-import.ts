import { rejectLine, type LineRejection } from '../../shared/rejection';
import { OrgTree } from '../org-tree';
import { parseOrgUnitsCsv } from '../org-units-csv';
import { UNIT_LEVELS, type Unit } from '../unit';

/** What a units file would change, computed on a copy of the tree: nothing is applied yet. */
export interface UnitsImportPlan {
  /** The tree with the file's good rows in: paths and names for the events. */
  tree: OrgTree;
  rowsRead: number;
  /** New units, parents before children (national first, panchayats last). */
  added: Unit[];
  renamed: Unit[];
  unchanged: string[];
  errors: LineRejection[];
}

/**
 * Plans the import of a units file (code,level,parent_code,name_en,name_hi) by a caller who
 * manages `scope`: every row's parent must be within it — directly, or through a parent the same
 * file adds — so a district president adds panchayats and blocks in their district, a state HQ
 * districts in their state, and only AICC (the national unit's scope) a state. Bad rows come back
 * by line; the rest is applied to a copy of `tree`, so the same file again changes nothing.
 */
export function planUnitsImport(tree: OrgTree, scope: string, text: string): UnitsImportPlan {
  const parsed = parseOrgUnitsCsv(text);
  const inFile = new Map<string, Unit>();
  for (const { unit } of parsed.units) if (!inFile.has(unit.code)) inFile.set(unit.code, unit);

  const errors: LineRejection[] = [...parsed.problems];
  const allowed: Array<{ line: number; unit: Unit }> = [];
  for (const row of parsed.units) {
    const outside = outsideScope(tree, inFile, scope, row.unit);
    if (outside) errors.push(rejectLine(row.line, 'ACCESS.OUTSIDE_SUBTREE', `${row.unit.code}: ${outside}`));
    else allowed.push(row);
  }

  const draft = copyOf(tree);
  const result = draft.addAll(allowed.map(({ unit }) => unit));
  for (const problem of result.problems) {
    errors.push(rejectLine(allowed[problem.index]!.line, problem.code, `${problem.unitCode}: ${problem.reason}`));
  }
  const depth = (unit: Unit) => UNIT_LEVELS.indexOf(unit.level);
  return {
    tree: draft,
    rowsRead: parsed.units.length + parsed.problems.filter((problem) => problem.line > 1).length,
    added: result.added.map((code) => draft.get(code)!).sort((a, b) => depth(a) - depth(b)),
    renamed: result.renamed.map((code) => draft.get(code)!),
    unchanged: result.unchanged,
    errors: errors.sort((a, b) => a.line - b.line),
  };
}

/** Why a row is not the caller's to write, or undefined when it is. */
function outsideScope(tree: OrgTree, inFile: ReadonlyMap<string, Unit>, scope: string, unit: Unit): string | undefined {
  if (unit.parentCode === undefined) {
    return scope === tree.root.code ? undefined : 'only AICC manages the national unit';
  }
  // Up through parents the file adds, to the first unit the tree knows. A parent neither knows is
  // the tree's to report (ORG.UNKNOWN_PARENT), as is a cycle.
  const seen = new Set<string>([unit.code]);
  let parentCode = unit.parentCode;
  while (!tree.has(parentCode)) {
    const parent = inFile.get(parentCode);
    if (!parent?.parentCode || seen.has(parentCode)) return undefined;
    seen.add(parentCode);
    parentCode = parent.parentCode;
  }
  if (tree.isWithin(parentCode, scope)) return undefined;
  const parent = parentCode === unit.parentCode ? `its parent ${parentCode}` : `its parent ${unit.parentCode} (added under ${parentCode})`;
  return `${parent} is outside ${scope}, the unit you manage`;
}

function copyOf(tree: OrgTree): OrgTree {
  const built = OrgTree.build([...tree.values()]);
  if (!built.ok) throw new Error(`the organisation tree could not be copied: ${built.reason}`);
  return built.tree;
}
