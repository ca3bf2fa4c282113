import { CsvHeader, isBlankRecord, type CsvColumns } from '../csv/csv-header';
import { tokenizeCsv } from '../csv/csv-tokenizer';
import { rejectLine, type LineRejection, type Rejection } from '../shared/rejection';
import { OrgTree, type AddUnitsResult, type UnitProblem } from './org-tree';
import { parseUnit, type Unit } from './unit';

type OrgUnitColumn = 'code' | 'level' | 'parent_code' | 'name_en' | 'name_hi';

/** The reference data's header: `code,level,parent_code,name_en,name_hi`; `name_hi` may be left out. */
export const ORG_UNIT_COLUMNS: CsvColumns<OrgUnitColumn> = {
  required: ['code', 'level', 'parent_code', 'name_en'],
  optional: ['name_hi'],
};

export interface ParsedOrgUnits {
  units: { line: number; unit: Unit }[];
  problems: LineRejection[];
}

export interface OrgUnitsImport extends Omit<AddUnitsResult, 'problems'> {
  problems: LineRejection[];
}

/**
 * Units from a CSV text, each valid on its own; how they fit together is the tree's to check.
 * The whole text at once: the organisation has thousands of units, not millions.
 */
export function parseOrgUnitsCsv(text: string): ParsedOrgUnits {
  const [first, ...rest] = tokenizeCsv(text);
  if (!first) return { units: [], problems: [rejectLine(1, 'CSV.EMPTY_FILE', 'the file is empty')] };
  if (!first.ok) return { units: [], problems: [first] };
  const read = CsvHeader.read(first, ORG_UNIT_COLUMNS);
  if (!read.ok) return { units: [], problems: [read] };

  const parsed: ParsedOrgUnits = { units: [], problems: [] };
  for (const record of rest) {
    if (!record.ok) {
      parsed.problems.push(record);
      continue;
    }
    if (isBlankRecord(record)) continue;
    const row = read.header.values(record);
    if (!row.ok) {
      parsed.problems.push(row);
      continue;
    }
    const { code = '', level = '', parent_code: parentCode, name_en: nameEn = '', name_hi: nameHi } = row.values;
    const unit = parseUnit({ code, level, parentCode, nameEn, nameHi });
    if (unit.ok) parsed.units.push({ line: record.line, unit: unit.unit });
    else parsed.problems.push(rejectLine(record.line, unit.code, unit.reason));
  }
  return parsed;
}

/** The tree of a complete reference file, such as the seed: every line valid, or no tree. */
export function orgTreeFromCsv(
  text: string,
): { ok: true; tree: OrgTree } | (Rejection<'ORG.INVALID_FILE'> & { problems: LineRejection[] }) {
  const parsed = parseOrgUnitsCsv(text);
  if (parsed.problems.length > 0) return invalidFile(parsed.problems);
  const built = OrgTree.build(parsed.units.map(({ unit }) => unit));
  if (built.ok) return { ok: true, tree: built.tree };
  if (built.problems.length === 0) return invalidFile([rejectLine(1, built.code, built.reason)]);
  return invalidFile(built.problems.map((problem) => atLine(parsed, problem)));
}

/**
 * Adds the units of a CSV text (new panchayats, a new state) to a tree: good lines go in, bad ones
 * come back with their line numbers. Importing the same file again changes nothing.
 */
export function importOrgUnitsCsv(tree: OrgTree, text: string): OrgUnitsImport {
  const parsed = parseOrgUnitsCsv(text);
  const { problems, ...outcome } = tree.addAll(parsed.units.map(({ unit }) => unit));
  const located = problems.map((problem) => atLine(parsed, problem));
  return { ...outcome, problems: [...parsed.problems, ...located].sort((a, b) => a.line - b.line) };
}

function atLine(parsed: ParsedOrgUnits, { index, code, reason }: UnitProblem): LineRejection {
  const { line, unit } = parsed.units[index];
  return rejectLine(line, code, `${unit.code}: ${reason}`);
}

function invalidFile(problems: LineRejection[]): Rejection<'ORG.INVALID_FILE'> & { problems: LineRejection[] } {
  const count = `${problems.length} problem${problems.length > 1 ? 's' : ''}`;
  return { ok: false, code: 'ORG.INVALID_FILE', reason: `the units file has ${count}`, problems };
}
