import { rejectLine, type LineRejection } from '../shared/rejection';

export type CsvProblemCode = 'CSV.UNTERMINATED_QUOTE' | 'CSV.TEXT_AFTER_QUOTE' | 'CSV.RECORD_TOO_LONG';

/** One record and the physical line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  ok: true;
  line: number;
  fields: string[];
}

export type CsvItem = CsvRecord | LineRejection<CsvProblemCode>;

export interface CsvTokenizerOptions {
  /**
   * Characters one record may hold. A stray opening quote would otherwise swallow the rest of the
   * file into one field, and all of it into memory.
   */
  maxRecordLength?: number;
}

export const DEFAULT_MAX_RECORD_LENGTH = 16_384;

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted';

const UNQUOTED_END = /[,\r\n]/g;
const QUOTED_END = /["\r\n]/g;
const LINE_BREAK = /[\r\n]/g;
const BOM = '\uFEFF';

/**
 * RFC 4180 records from text pushed in chunks of any size, split anywhere (inside a field, between
 * CR and LF). Line breaks are CRLF, LF or a lone CR; blank lines are skipped. Lenient where
 * spreadsheets are: a quote inside an unquoted field is kept as text. A malformed record is
 * reported with its line and parsing goes on with the next one.
 */
export class CsvTokenizer {
  private readonly maxRecordLength: number;
  private state: State = 'field-start';
  private fields: string[] = [];
  private field = '';
  private recordLength = 0;
  private problem: LineRejection<CsvProblemCode> | undefined;
  private line = 1;
  private recordLine = 1;
  private afterCarriageReturn = false;
  private skippingToLineEnd = false;
  private started = false;
  private output: CsvItem[] = [];

  constructor(options: CsvTokenizerOptions = {}) {
    this.maxRecordLength = options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
  }

  push(text: string): CsvItem[] {
    let index = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith(BOM)) index = 1;
    }
    while (index < text.length) index = this.step(text, index);
    return this.drain();
  }

  end(): CsvItem[] {
    if (this.skippingToLineEnd) return this.drain();
    if (this.state === 'quoted') {
      this.output.push(
        rejectLine(this.recordLine, 'CSV.UNTERMINATED_QUOTE', 'a quoted field is not closed before the end of the file'),
      );
    } else if (this.state !== 'field-start' || this.fields.length > 0) {
      this.endRecord();
    }
    this.resetRecord();
    return this.drain();
  }

  private step(text: string, index: number): number {
    const char = text[index];
    if (this.afterCarriageReturn) {
      this.afterCarriageReturn = false;
      if (char === '\n') {
        if (this.state === 'quoted') this.append('\n');
        return index + 1;
      }
    }
    if (this.skippingToLineEnd) return this.skipToLineEnd(text, index);

    switch (this.state) {
      case 'field-start':
        if (char === '"') {
          this.state = 'quoted';
          return index + 1;
        }
        if (isLineBreak(char) && this.fields.length === 0) {
          this.lineBreak(char);
          return index + 1;
        }
        this.state = 'unquoted';
        return index;
      case 'unquoted':
        return this.unquoted(text, index);
      case 'quoted':
        return this.quoted(text, index);
      case 'quote-in-quoted':
        if (char === '"') {
          this.append('"');
          this.state = 'quoted';
          return index + 1;
        }
        if (char !== ',' && !isLineBreak(char)) {
          this.problem ??= rejectLine(
            this.recordLine,
            'CSV.TEXT_AFTER_QUOTE',
            'text follows the closing quote of a field; a quote inside a quoted field is written ""',
          );
        }
        this.state = 'unquoted';
        return index;
    }
  }

  private unquoted(text: string, index: number): number {
    const end = search(UNQUOTED_END, text, index);
    this.append(text.slice(index, end));
    if (end === text.length || this.skippingToLineEnd) return end;
    const char = text[end];
    if (char === ',') this.endField();
    else {
      this.endRecord();
      this.lineBreak(char);
    }
    return end + 1;
  }

  private quoted(text: string, index: number): number {
    const end = search(QUOTED_END, text, index);
    this.append(text.slice(index, end));
    if (end === text.length || this.skippingToLineEnd) return end;
    const char = text[end];
    if (char === '"') this.state = 'quote-in-quoted';
    else {
      this.append(char);
      // Overflowing on a line break: resynchronise right here, not at the end of the next line.
      if (this.skippingToLineEnd) {
        this.skippingToLineEnd = false;
        this.resetRecord();
      }
      this.lineBreak(char);
    }
    return end + 1;
  }

  private skipToLineEnd(text: string, index: number): number {
    const end = search(LINE_BREAK, text, index);
    if (end === text.length) return end;
    this.skippingToLineEnd = false;
    this.resetRecord();
    this.lineBreak(text[end]);
    return end + 1;
  }

  private append(text: string): void {
    if (this.skippingToLineEnd) return;
    this.recordLength += text.length;
    if (this.recordLength > this.maxRecordLength) {
      this.output.push(
        rejectLine(
          this.recordLine,
          'CSV.RECORD_TOO_LONG',
          `the record is longer than ${this.maxRecordLength} characters (is a quote not closed?); skipped to the next line`,
        ),
      );
      this.skippingToLineEnd = true;
      return;
    }
    this.field += text;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'field-start';
  }

  private endRecord(): void {
    this.fields.push(this.field);
    this.output.push(this.problem ?? { ok: true, line: this.recordLine, fields: this.fields });
    this.resetRecord();
  }

  private resetRecord(): void {
    this.fields = [];
    this.field = '';
    this.recordLength = 0;
    this.problem = undefined;
    this.state = 'field-start';
  }

  private lineBreak(char: string): void {
    this.line += 1;
    this.afterCarriageReturn = char === '\r';
    if (this.state === 'field-start' && this.fields.length === 0) this.recordLine = this.line;
  }

  private drain(): CsvItem[] {
    const items = this.output;
    this.output = [];
    return items;
  }
}

/** Every record of a whole text. */
export function tokenizeCsv(text: string, options?: CsvTokenizerOptions): CsvItem[] {
  const tokenizer = new CsvTokenizer(options);
  return [...tokenizer.push(text), ...tokenizer.end()];
}

function isLineBreak(char: string): boolean {
  return char === '\n' || char === '\r';
}

function search(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index : text.length;
}
