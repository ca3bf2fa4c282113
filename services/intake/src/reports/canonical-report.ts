import { createHash } from 'node:crypto';
import { canonicalSenderKey } from '@cc/identity';
import type { ReportReceived } from '@cc/contracts';
import type { ChannelMessage } from '../channels/channel-message';
import { detectScriptAndLanguage, keywordHints } from '../normalize';

/** The canonical report for a channel message: identity, text as sent, enrichment, times. */
export function canonicalReport(received: ChannelMessage, receivedAt: Date): ReportReceived {
  const message = storableText(received);
  const { script, language } = detectScriptAndLanguage(message.text);
  return {
    reportId: reportIdOf(message),
    channel: message.channel,
    provider: message.provider,
    providerMessageId: message.providerMessageId,
    sender: message.sender,
    senderKey: canonicalSenderKey(message.sender),
    ...(message.senderName ? { senderName: message.senderName } : {}),
    kind: message.kind,
    text: message.text,
    script,
    language,
    keywords: keywordHints(message.text).map(({ category, matched }) => ({ category, matched })),
    media: (message.media ?? []).map((media) => ({ ...media })),
    ...(message.location ? { location: message.location } : {}),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    ...(message.interactive ? { interactive: message.interactive } : {}),
    ...(message.unsupportedReason ? { unsupportedReason: message.unsupportedReason } : {}),
    ...(message.providerTimestamp ? { providerTimestamp: message.providerTimestamp } : {}),
    receivedAt: receivedAt.toISOString(),
    ...(message.declaredUnitCode ? { declaredUnitCode: message.declaredUnitCode } : {}),
    ...(message.destination && (message.destination.id || message.destination.address) ? { channelEndpoint: { ...message.destination } } : {}),
    ...(message.declaredComplaint ? { declaredComplaint: { ...message.declaredComplaint } } : {}),
  };
}

/** Connect Center's namespace for report ids (a random UUID, fixed for ever: changing it changes every id). */
const REPORT_ID_NAMESPACE = '0b6f3c52-8f0e-4c8e-9a51-6f1d2b7a4e90';

/**
 * The report id of a channel message: a name-based UUID (version 5) of `<channel>:<providerMessageId>`,
 * the key reports are deduplicated on. A provider's retry gets the same id wherever and whenever
 * it arrives, so a webhook can answer with the id before the store has deduplicated the message.
 */
export function reportIdOf(message: Pick<ChannelMessage, 'channel' | 'providerMessageId'>): string {
  return nameBasedUuid(REPORT_ID_NAMESPACE, `${message.channel}:${message.providerMessageId}`);
}

/** RFC 9562 UUID version 5: SHA-1 of the namespace's 16 bytes and the name's UTF-8. */
export function nameBasedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** U+0000, and a UTF-16 surrogate without its other half (JSON's `\ud800` escapes can carry one). */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this replaces
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text is kept exactly as sent, with two exceptions, each becoming U+FFFD (the replacement
 * character): U+0000 (NUL), which means nothing in a message and which stores keeping documents
 * as PostgreSQL jsonb refuse; and a lone surrogate, which is not Unicode at all — the store would
 * keep U+FFFD while the event carried the broken string on to every feed. Every string of the
 * message, identities included, so that a retry of the same message maps to the same report and
 * the stored report and its event are the same.
 */
export function storableText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storableText) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, storableText(child)])) as T;
  }
  return value;
}
