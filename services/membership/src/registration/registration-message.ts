import type { UnitLevel } from '../organisation/unit';
import { nameKey } from '../organisation/unit-name';
import { reject, type Rejection } from '../shared/rejection';

export type RegistrationMessageCode = 'REGISTRATION.NOT_A_REGISTRATION' | 'REGISTRATION.MISSING_UNIT';

export interface RegistrationRequest {
  ok: true;
  /** The unit as the sender wrote it, qualifiers after commas included: "Chainpur, Gumla". */
  unitQuery: string;
  /** When the sender said which level they meant: "Angara block", "पंचायत जोन्हा". */
  level?: UnitLevel;
  name?: string;
}

// Compared by nameKey, so case, nukta (जुड़ें / जुडें) and chandrabindu (जुड़ेँ) do not count.
const KEYWORDS = new Set(['join', 'judein', 'juden', 'jude', 'जुड़ें', 'जुड़े', 'जुड़ो', 'जुड़िए', 'जुड़िये'].map(nameKey));

const LEVEL_WORDS: ReadonlyMap<string, UnitLevel> = new Map(
  (
    [
      ['block', 'block'],
      ['prakhand', 'block'],
      ['प्रखंड', 'block'],
      ['प्रखण्ड', 'block'],
      ['ब्लॉक', 'block'],
      ['panchayat', 'panchayat'],
      ['पंचायत', 'panchayat'],
      ['district', 'district'],
      ['zila', 'district'],
      ['jila', 'district'],
      ['जिला', 'district'],
    ] as const
  ).map(([word, level]) => [nameKey(word), level]),
);

const LEADING_NOISE = /^[\s\p{P}\p{S}]+/u;
const FIRST_WORD = /^[\p{L}\p{M}]+/u;
const TRAILING_NOISE = /[\s.!?।॥,;:]+$/u;
// "- Ramesh", "– Ramesh", ": Ramesh", "| Ramesh", "name Ramesh", "मेरा नाम रमेश है". A hyphen needs a
// space beside it, so unit codes (JH-RAN-ANGARA) stay whole.
const NAME_SEPARATOR =
  /\s+-+\s*|\s*-+\s+|\s*[–—:;|]\s*|[\s,]+(?:(?:my|mera|मेरा)\s+)?(?:name|naam|नाम)(?:\s+(?:is|hai|है))?\s*:?\s+/iu;
const NAME_TAIL = /\s+(?:hai|है)$/iu;
const MAX_QUERY_LENGTH = 100;
const MAX_NAME_LENGTH = 100;

/**
 * Reads a registration by keyword from a sender the service does not know: `JOIN Angara`,
 * `join angara block - Ramesh Kumar`, `जुड़ें अनगड़ा, रांची`, `जुड़े जोन्हा नाम सीता देवी`. The
 * keyword must be the first word; anything else is not a registration (so "Joined the rally"
 * is not). A name that is not a plausible name (digits, a phone number) is left out, not refused.
 */
export function parseRegistrationMessage(text: string): RegistrationRequest | Rejection<RegistrationMessageCode> {
  const body = text.normalize('NFC').replace(LEADING_NOISE, '');
  const keyword = FIRST_WORD.exec(body)?.[0];
  if (!keyword || !KEYWORDS.has(nameKey(keyword))) {
    return reject('REGISTRATION.NOT_A_REGISTRATION', 'the message does not start with JOIN or जुड़ें');
  }
  const rest = body.slice(keyword.length).replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '');
  const separator = NAME_SEPARATOR.exec(rest);
  const unitPart = (separator ? rest.slice(0, separator.index) : rest).replace(TRAILING_NOISE, '');
  const namePart = separator ? rest.slice(separator.index + separator[0].length) : '';

  const [head = '', ...qualifiers] = unitPart.split(',').map((part) => part.replace(/\s+/g, ' ').trim());
  const { name: unitName, level } = withoutLevelWord(head);
  if (unitName === '') return reject('REGISTRATION.MISSING_UNIT', 'the message names no panchayat or block after the keyword');
  const unitQuery = [unitName, ...qualifiers.filter((part) => part !== '')].join(', ');
  if (unitQuery.length > MAX_QUERY_LENGTH) {
    return reject('REGISTRATION.NOT_A_REGISTRATION', `a unit name is not ${MAX_QUERY_LENGTH} characters long`);
  }
  const name = plausibleName(namePart);
  return { ok: true, unitQuery, ...(level ? { level } : {}), ...(name ? { name } : {}) };
}

function withoutLevelWord(head: string): { name: string; level?: UnitLevel } {
  const words = head.split(' ').filter((word) => word !== '');
  const first = LEVEL_WORDS.get(nameKey(words[0] ?? ''));
  if (first && words.length > 1) return { name: words.slice(1).join(' '), level: first };
  const last = LEVEL_WORDS.get(nameKey(words.at(-1) ?? ''));
  if (last && words.length > 1) return { name: words.slice(0, -1).join(' '), level: last };
  return { name: words.join(' ') };
}

/** A name as written, tidied, or undefined when it is not plausibly one (digits, a phone number, no letters). */
export function plausibleName(raw: string): string | undefined {
  const name = raw.replace(/\s+/g, ' ').replace(TRAILING_NOISE, '').replace(NAME_TAIL, '').trim();
  if (name === '' || name.length > MAX_NAME_LENGTH || /[\p{N}\p{Cc}]/u.test(name) || !/\p{L}/u.test(name)) return undefined;
  return name;
}
