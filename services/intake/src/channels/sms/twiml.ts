const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Acknowledges an inbound message without replying. */
export function emptyTwiml(): string {
  return `${DECLARATION}<Response></Response>`;
}

/** Replies with one SMS. */
export function messageTwiml(text: string): string {
  return `${DECLARATION}<Response><Message>${escapeXml(text)}</Message></Response>`;
}

// Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, LF and CR,
// lone surrogates, U+FFFE and U+FFFF. Left in, they make Twilio reject the whole document.
const NOT_XML = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'g',
);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => ENTITIES[char]);
}
