import { reject, type Rejection } from '../shared/rejection';
import type { VariableDefinition } from './template-catalogue.schema';

export type VariableValue = string | number | Date;
export type VariableValues = Readonly<Record<string, VariableValue>>;

export type VariableCode =
  | 'TEMPLATE.MISSING_VARIABLE'
  | 'TEMPLATE.UNKNOWN_VARIABLE'
  | 'TEMPLATE.INVALID_VALUE'
  | 'TEMPLATE.VALUE_TOO_LONG';

const DEFAULT_TEXT_LENGTH = 60;
/** Case references go into DLT variables whole, so they fit one: TRAI's 30 characters. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,29}$/;
const TRUNCATION_MARK = '...';
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/;
const IST_OFFSET_MS = 330 * 60_000;
// Bidirectional overrides and isolates can make a name display as something else; control
// characters break SMS and WhatsApp parameters (Meta refuses new lines and tabs in them).
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
const graphemes = new Intl.Segmenter('hi', { granularity: 'grapheme' });

export interface FormatOptions {
  /** A channel's own limit on one value (SMS: DLT's 30 characters), below the catalogue's. */
  maxLength?: number;
}

/**
 * Checks the values given for a template against its declared variables — every declared one
 * present, nothing else — and writes each as the channel will show it: tidied to one line,
 * dates in Indian time, text cut (at a letter boundary, never inside a conjunct) to fit. Reasons
 * name the variable, never its value, which may be personal.
 */
export function formatVariables(
  definitions: Readonly<Record<string, VariableDefinition>>,
  values: VariableValues,
  options: FormatOptions = {},
): { ok: true; values: Record<string, string> } | Rejection<VariableCode> {
  const unknown = Object.keys(values).filter((name) => !(name in definitions));
  if (unknown.length > 0) return reject('TEMPLATE.UNKNOWN_VARIABLE', `the template has no variable ${unknown.map(quote).join(', ')}`);
  const missing = Object.keys(definitions).filter((name) => values[name] === undefined);
  if (missing.length > 0) return reject('TEMPLATE.MISSING_VARIABLE', `no value for ${missing.map(quote).join(', ')}`);

  const formatted: Record<string, string> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const result = formatOne(name, definition, values[name] as VariableValue, options);
    if (!result.ok) return result;
    formatted[name] = result.value;
  }
  return { ok: true, values: formatted };
}

function formatOne(
  name: string,
  definition: VariableDefinition,
  value: VariableValue,
  options: FormatOptions,
): { ok: true; value: string } | Rejection<VariableCode> {
  const invalid = (why: string) => reject('TEMPLATE.INVALID_VALUE', `${quote(name)} ${why}`);
  switch (definition.type) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? { ok: true, value: String(value) } : invalid('is not a whole number');
    case 'datetime': {
      // A string must say its offset: "2026-11-26T10:00" means a different instant on every server.
      const date = typeof value === 'string' ? (ISO_WITH_OFFSET.test(value) ? new Date(value) : undefined) : value;
      return date instanceof Date && !Number.isNaN(date.getTime()) ? { ok: true, value: indianDateTime(date) } : invalid('is not a date and time');
    }
    case 'reference': {
      if (typeof value !== 'string') return invalid('is not text');
      const reference = value.trim();
      if (!REFERENCE.test(reference)) return invalid('is not a reference (1-30 letters, digits, -, _ or /)');
      return fits(reference, options.maxLength) ? { ok: true, value: reference } : tooLong(name, options.maxLength);
    }
    case 'text': {
      if (typeof value !== 'string') return invalid('is not text');
      const text = tidy(value);
      if (text === '') return invalid('is empty');
      const limit = Math.min(definition.maxLength ?? DEFAULT_TEXT_LENGTH, options.maxLength ?? Infinity);
      return { ok: true, value: truncate(text, limit) };
    }
  }
}

/** One line, no control or direction-override characters, single spaces, NFC. */
export function tidy(value: string): string {
  return value.normalize('NFC').replace(CONTROL, ' ').replace(BIDI_CONTROL, '').replace(/\s+/gu, ' ').trim();
}

/** Cuts to at most `limit` code points (as DLT counts), at a grapheme boundary, marking the cut. */
export function truncate(text: string, limit: number): string {
  if ([...text].length <= limit) return text;
  let kept = '';
  let length = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = [...segment].length;
    if (length + size + TRUNCATION_MARK.length > limit) break;
    kept += segment;
    length += size;
  }
  return `${kept.trimEnd()}${TRUNCATION_MARK}`;
}

/** `26-11-2026 15:30`: Indian time, digits only, readable in both languages and GSM-7 safe. */
export function indianDateTime(date: Date): string {
  const ist = new Date(date.getTime() + IST_OFFSET_MS);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(ist.getUTCDate())}-${pad(ist.getUTCMonth() + 1)}-${ist.getUTCFullYear()} ${pad(ist.getUTCHours())}:${pad(ist.getUTCMinutes())}`;
}

function fits(value: string, limit: number | undefined): boolean {
  return limit === undefined || [...value].length <= limit;
}

function tooLong(name: string, limit: number | undefined): Rejection<VariableCode> {
  return reject('TEMPLATE.VALUE_TOO_LONG', `${quote(name)} is longer than the ${limit} characters this channel allows and must not be shortened`);
}

const quote = (name: string) => `"${name}"`;
