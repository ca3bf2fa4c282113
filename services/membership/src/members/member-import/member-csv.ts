import { CsvHeader, isBlankRecord, type CsvHeaderCode, type CsvRowCode } from '../../csv/csv-header';
import { readCsv, type CsvSource } from '../../csv/csv-stream';
import type { CsvItem, CsvProblemCode } from '../../csv/csv-tokenizer';
import type { OrgTree } from '../../organisation/org-tree';
import { rejectLine, type LineRejection } from '../../shared/rejection';
import { MEMBER_COLUMNS, type MemberColumn } from './member-columns';
import { MemberRowValidator, type MemberRowOptions, type MemberRowResult } from './member-row';

export type MemberCsvRowResult = MemberRowResult | LineRejection<CsvProblemCode | CsvRowCode>;

export type MemberCsvFileCode = CsvHeaderCode | CsvProblemCode | 'IMPORT.NO_KEY_COLUMN';

export interface MemberCsv {
  /** Header columns the import does not know (a misspelt `phone_no`), to show the person importing. */
  ignoredColumns: readonly string[];
  /** Every non-blank data row, in file order, as a command or a line-numbered rejection. */
  rows: AsyncGenerator<MemberCsvRowResult>;
}

/**
 * Reads the header of an onboarding file and hands back its rows, validated one at a time as the
 * caller asks for them. A header the import cannot use refuses the whole file.
 */
export async function openMemberCsv(
  source: CsvSource,
  tree: OrgTree,
  options: MemberRowOptions = {},
): Promise<{ ok: true; csv: MemberCsv } | LineRejection<MemberCsvFileCode>> {
  const records = readCsv(source);
  const first = await records.next();
  if (first.done) return rejectLine(1, 'CSV.EMPTY_FILE', 'the file is empty');
  if (!first.value.ok) return closing(records, first.value);
  const read = CsvHeader.read(first.value, MEMBER_COLUMNS);
  if (!read.ok) return closing(records, read);
  const { header } = read;
  if (!header.has('external_id') && !header.has('phone')) {
    const reason = 'the header needs a phone or an external_id column, by which a re-import finds members again';
    return closing(records, rejectLine(first.value.line, 'IMPORT.NO_KEY_COLUMN', reason));
  }
  const rows = validatedRows(records, header, new MemberRowValidator(tree, options));
  return { ok: true, csv: { ignoredColumns: header.ignored, rows } };
}

/** Releases the stream before refusing the file. */
async function closing<R>(records: AsyncGenerator<CsvItem>, rejection: R): Promise<R> {
  await records.return(undefined);
  return rejection;
}

async function* validatedRows(
  records: AsyncGenerator<CsvItem>,
  header: CsvHeader<MemberColumn>,
  validator: MemberRowValidator,
): AsyncGenerator<MemberCsvRowResult> {
  for await (const record of records) {
    if (!record.ok) {
      yield record;
      continue;
    }
    if (isBlankRecord(record)) continue;
    const values = header.values(record);
    yield values.ok ? validator.validate(record.line, values.values) : values;
  }
}
