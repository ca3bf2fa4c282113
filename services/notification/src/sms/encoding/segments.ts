import { gsm7Septets, smsEncodingOf, type SmsEncoding } from './gsm7';

/**
 * Capacities per 3GPP TS 23.040: 140 octets per PDU, of which a concatenated message's user data
 * header takes 6, leaving 153 septets (GSM-7) or 67 UCS-2 code units per part.
 */
const CAPACITY: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units left in the last segment before another one is needed. */
  remaining: number;
}

/**
 * How many SMS parts a text is billed as. Parts are packed as handsets and gateways pack them: an
 * escape sequence (GSM-7) or a surrogate pair (UCS-2) is never split across two parts, so a part
 * may carry one unit less than its capacity. Devanagari makes a text UCS-2; an emoji counts 2.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  const encoding = smsEncodingOf(text);
  const sizes = [...text].map((char) => (encoding === 'GSM-7' ? (gsm7Septets(char) ?? 1) : char.length));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const { single, part } = CAPACITY[encoding];
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, remaining: single - units };

  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments, remaining: part - used };
}
