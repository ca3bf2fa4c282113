/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038, 6.2.1) without the escape code 0x1B, and its
 * extension table, whose characters are sent as escape + character and so cost two septets.
 * Lower-case ç is not in the basic table (only Ç is): text with it is UCS-2.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET: ReadonlySet<string> = new Set(BASIC);
const EXTENSION_SET: ReadonlySet<string> = new Set(EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Septets a character takes in GSM-7: 1, 2 for the extension table, undefined when it has none. */
export function gsm7Septets(char: string): 1 | 2 | undefined {
  if (BASIC_SET.has(char)) return 1;
  if (EXTENSION_SET.has(char)) return 2;
  return undefined;
}

/** GSM-7 when every character is in the default alphabet or its extension; otherwise UCS-2. */
export function smsEncodingOf(text: string): SmsEncoding {
  for (const char of text) {
    if (gsm7Septets(char) === undefined) return 'UCS-2';
  }
  return 'GSM-7';
}
