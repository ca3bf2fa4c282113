import { randomUUID } from 'node:crypto';
import { canonicalSenderKey } from '@cc/identity';
import type { ReportReceived } from '@cc/contracts';
import type { ChannelMessage } from '../channels/channel-message';
import { detectScriptAndLanguage, keywordHints } from '../normalize';

/** The canonical report for a channel message: identity, text as sent, enrichment, times. */
export function canonicalReport(received: ChannelMessage, receivedAt: Date): ReportReceived {
  const message = storableText(received);
  const { script, language } = detectScriptAndLanguage(message.text);
  return {
    reportId: randomUUID(),
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
