/** Why a raw number was refused. Stable codes: callers branch on them and log them, never the number. */
export type PhoneRejection =
  | 'empty'
  | 'invalid-characters'
  | 'too-short'
  | 'too-long'
  | 'not-indian-mobile'
  | 'invalid-country-code';

export type PhoneNormalization = { ok: true; e164: string } | { ok: false; reason: PhoneRejection };

const INDIA = '91';
const INDIAN_MOBILE = /^[6-9]\d{9}$/;
// Spaces (NBSP included), any dash (phones paste en dashes), dots and parentheses as in "(0) 98123-48765".
const SEPARATORS = /[\s\p{Pd}.()]/gu;
const DEVANAGARI_DIGITS = /[०-९]/g;
const DEVANAGARI_ZERO = '०'.charCodeAt(0);
const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * Normalises a phone number as workers and gateways send it to E.164.
 *
 * Without a leading `+` or `00` the number is taken as Indian: 10 digits, or with the trunk `0`,
 * or with `91` in front (Gupshup msisdn, WhatsApp wa_id). With `+`/`00` any country is accepted
 * (8-15 digits); `+91` numbers must still be Indian mobiles. A wa_id always carries its country
 * code, so callers holding one should pass `+${waId}` to accept foreign senders too.
 */
export function normalizeIndianPhone(raw: string): PhoneNormalization {
  const compact = raw
    .replace(DEVANAGARI_DIGITS, (digit) => String(digit.charCodeAt(0) - DEVANAGARI_ZERO))
    .replace(SEPARATORS, '');
  if (compact === '') return rejected('empty');
  if (!/^\+?\d*$/.test(compact)) return rejected('invalid-characters');

  if (compact.startsWith('+')) return international(compact.slice(1));
  if (compact.startsWith('00')) return international(compact.slice(2));
  return national(compact);
}

/** `+91******8765`: enough for a person to tell two numbers apart; input that is not E.164 is not echoed. */
export function maskPhone(e164: string): string {
  if (!E164.test(e164)) return '***';
  const kept = e164.startsWith(`+${INDIA}`) ? `+${INDIA}` : '+';
  const hidden = e164.length - kept.length - 4;
  return `${kept}${'*'.repeat(hidden)}${e164.slice(-4)}`;
}

function international(digits: string): PhoneNormalization {
  if (digits.startsWith(INDIA)) {
    // "+91 (0) 98123 48765": the national trunk 0 is sometimes written after the country code.
    const national = digits.slice(INDIA.length);
    return indianMobile(national.length === 11 && national.startsWith('0') ? national.slice(1) : national);
  }
  if (digits.startsWith('0')) return rejected('invalid-country-code');
  if (digits.length < 8) return rejected('too-short');
  if (digits.length > 15) return rejected('too-long');
  return { ok: true, e164: `+${digits}` };
}

function national(digits: string): PhoneNormalization {
  if (digits.length === 11 && digits.startsWith('0')) return indianMobile(digits.slice(1));
  if (digits.length === 12 && digits.startsWith(INDIA)) return indianMobile(digits.slice(INDIA.length));
  return indianMobile(digits);
}

function indianMobile(digits: string): PhoneNormalization {
  if (digits.length < 10) return rejected('too-short');
  if (digits.length > 10) return rejected('too-long');
  // Mobile series start with 6-9. A landline whose STD code also does (Ranchi is 0651) passes;
  // telling those apart would need the numbering plan's series list.
  if (!INDIAN_MOBILE.test(digits)) return rejected('not-indian-mobile');
  return { ok: true, e164: `+${INDIA}${digits}` };
}

function rejected(reason: PhoneRejection): PhoneNormalization {
  return { ok: false, reason };
}
