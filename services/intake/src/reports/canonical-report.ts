import { randomUUID } from 'node:crypto';
import { canonicalSenderKey } from '@cc/identity';
import type { ReportReceived } from '@cc/contracts';
import type { ChannelMessage } from '../channels/channel-message';
import { detectScriptAndLanguage, keywordHints } from '../normalize';

/** The canonical report for a channel message: identity, text as sent, enrichment, times. */
export function canonicalReport(message: ChannelMessage, receivedAt: Date): ReportReceived {
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
