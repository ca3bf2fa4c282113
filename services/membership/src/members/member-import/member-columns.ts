import { maskPhone, normalizeIndianPhone } from '@cc/identity';
import type { CsvColumns } from '../../csv/csv-header';
import { nameKey } from '../../organisation/unit-name';
import type { MemberLanguage } from '../member';

export type MemberColumn =
  | 'external_id'
  | 'name'
  | 'phone'
  | 'whatsapp_bsuid'
  | 'app_user_id'
  | 'home_unit'
  | 'language'
  | 'post'
  | 'consent';

/**
 * The onboarding file. `name` and `home_unit` (a unit code) are required, and `external_id` or
 * `phone` (the natural keys) must be there too; the rest is optional.
 */
export const MEMBER_COLUMNS: CsvColumns<MemberColumn> = {
  required: ['name', 'home_unit'],
  optional: ['external_id', 'phone', 'whatsapp_bsuid', 'app_user_id', 'language', 'post', 'consent'],
  aliases: {
    phones: 'phone',
    mobile: 'phone',
    mobile_number: 'phone',
    bsuid: 'whatsapp_bsuid',
    home_unit_code: 'home_unit',
    unit_code: 'home_unit',
    membership_number: 'external_id',
  },
};

/** Several numbers in one cell, as people list them: `98123 48765; 70045 12345` or with `|`. */
export function splitPhones(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((phone) => phone.trim())
    .filter((phone) => phone !== '');
}

// Spreadsheets turn a 10-digit column into a number and write it back as 9.81235E+09, digits lost.
const SCIENTIFIC = /^\d(?:\.\d+)?e\+?\d+$/i;

export function looksLikeSpreadsheetNumber(phone: string): boolean {
  return SCIENTIFIC.test(phone.trim());
}

const LANGUAGES: ReadonlyMap<string, MemberLanguage> = new Map(
  (
    [
      ['hi', 'hi'],
      ['hindi', 'hi'],
      ['हिंदी', 'hi'],
      ['हिन्दी', 'hi'],
      ['en', 'en'],
      ['english', 'en'],
      ['अंग्रेज़ी', 'en'],
      ['अंग्रेजी', 'en'],
    ] as const
  ).map(([name, language]) => [nameKey(name), language]),
);

export function parseLanguage(cell: string): MemberLanguage | undefined {
  return LANGUAGES.get(nameKey(cell));
}

const CONSENT: ReadonlyMap<string, boolean> = new Map(
  (
    [
      ...['yes', 'y', 'true', '1', 'haan', 'han', 'हाँ', 'हां'].map((word) => [word, true]),
      ...['no', 'n', 'false', '0', 'nahi', 'nahin', 'नहीं'].map((word) => [word, false]),
    ] as [string, boolean][]
  ).map(([word, consent]) => [nameKey(word), consent]),
);

export function parseConsent(cell: string): boolean | undefined {
  return CONSENT.get(nameKey(cell));
}

/**
 * A cell value fit for an error message. A shifted row can put a phone number in any column, so a
 * value that reads as one is masked, and one with as many digits as a phone is not shown at all.
 */
export function describeCell(cell: string): string {
  const phone = normalizeIndianPhone(cell);
  if (phone.ok) return maskPhone(phone.e164);
  if ((cell.match(/\p{N}/gu)?.length ?? 0) >= 8) return '(a value with many digits, not shown)';
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
}
