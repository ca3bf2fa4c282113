// Ten or more digits (ASCII or Devanagari), single spaces, dots or dashes between them, an optional
// leading +: every Indian mobile and landline form, never a date (at most eight digits). Not right
// after a capital and a dash, which is a case reference (JH-2026-000123), not a number.
const PHONE_LIKE = /(?<![\p{Lu}\p{N}][-.]?)\+?[0-9\u0966-\u096F](?:[ .-]?[0-9\u0966-\u096F]){9,}/gu;

export const REDACTED_NUMBER = '[number removed]';

/**
 * Free text as anyone but the services sees it (case views below the state HQ, the HQ feeds):
 * reporters often sign with their number, which would undo the pseudonym. Names in free text
 * cannot be found reliably and stay.
 */
export function redactPhoneLike(text: string): string {
  return text.replace(PHONE_LIKE, REDACTED_NUMBER);
}

export function hasPhoneLike(text: string): boolean {
  return new RegExp(PHONE_LIKE.source, 'u').test(text);
}
