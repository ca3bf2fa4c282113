import { rejectLine, type LineRejection } from '../shared/rejection';
import type { CsvRecord } from './csv-tokenizer';

export type CsvHeaderCode = 'CSV.EMPTY_FILE' | 'CSV.MISSING_COLUMN' | 'CSV.DUPLICATE_COLUMN';
export type CsvRowCode = 'CSV.FIELD_COUNT';

export interface CsvColumns<K extends string> {
  required: readonly K[];
  optional: readonly K[];
  /** Other names people give a column (`mobile` for `phone`), after header normalisation. */
  aliases?: Readonly<Record<string, K>>;
}

export type CsvValues<K extends string> = Partial<Record<K, string>>;

/**
 * The header row of a file with named columns, in any order. Names are compared trimmed, in lower
 * case, with spaces and dashes read as `_` (`Home Unit` is `home_unit`). Columns it does not know
 * are kept aside in `ignored`, so that a misspelt optional column is reported, not silently lost.
 */
export class CsvHeader<K extends string> {
  private constructor(
    private readonly positions: ReadonlyMap<K, number>,
    private readonly width: number,
    readonly ignored: readonly string[],
  ) {}

  static read<K extends string>(
    record: CsvRecord,
    columns: CsvColumns<K>,
  ): { ok: true; header: CsvHeader<K> } | LineRejection<CsvHeaderCode> {
    const known = new Set<string>([...columns.required, ...columns.optional]);
    const positions = new Map<K, number>();
    const ignored: string[] = [];
    for (const [position, raw] of record.fields.entries()) {
      const name = columnName(raw);
      const column = (columns.aliases?.[name] ?? name) as K;
      if (!known.has(column)) {
        if (name !== '') ignored.push(name);
        continue;
      }
      if (positions.has(column)) {
        return rejectLine(record.line, 'CSV.DUPLICATE_COLUMN', `column "${column}" appears more than once in the header`);
      }
      positions.set(column, position);
    }
    const missing = columns.required.filter((column) => !positions.has(column));
    if (missing.length > 0) {
      return rejectLine(
        record.line,
        'CSV.MISSING_COLUMN',
        `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      );
    }
    return { ok: true, header: new CsvHeader(positions, record.fields.length, ignored) };
  }

  has(column: K): boolean {
    return this.positions.has(column);
  }

  /** The row's values by column, trimmed; a column the file does not have is absent. */
  values(record: CsvRecord): { ok: true; values: CsvValues<K> } | LineRejection<CsvRowCode> {
    const { fields } = record;
    // Spreadsheets pad rows with empty cells past the last column; anything else there is a shifted row.
    const extra = fields.slice(this.width);
    if (fields.length < this.width || extra.some((field) => field.trim() !== '')) {
      return rejectLine(
        record.line,
        'CSV.FIELD_COUNT',
        `the row has ${fields.length} fields where the header has ${this.width} (a comma inside a value needs quotes)`,
      );
    }
    const values: CsvValues<K> = {};
    for (const [column, position] of this.positions) values[column] = fields[position].trim();
    return { ok: true, values };
  }
}

/** A row of empty cells, as spreadsheets leave below the data. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '');
}

function columnName(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
