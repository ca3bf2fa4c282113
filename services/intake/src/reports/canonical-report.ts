import { randomUUID } from 'node:crypto';
import { canonicalSenderKey } from '@cc/identity';
import type { ReportReceived } from '@cc/contracts';
import type { ChannelMessage } from '../channels/channel-message';
import { detectScriptAndLanguage, keywordHints } from '../normalize';

/** The canonical report for a channel message: identity, text as sent, enrichment, times. */
export function canonicalReport(received: ChannelMessage, receivedAt: Date): ReportReceived {
  const message = withoutNul(received);
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

/**
 * Text is kept exactly as sent, with one exception: U+0000 (NUL) becomes U+FFFD, the replacement
 * character. A NUL means nothing in a message, and stores that keep documents as PostgreSQL jsonb
 * (FerretDB here, DocumentDB-style services elsewhere) refuse any string holding one, which would
 * turn a harmless message into a failed write. Every string of the message, identities included,
 * so that a retry of the same message maps to the same report.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withoutNul(child)])) as T;
  }
  return value;
}
