import { createHash, randomUUID } from 'node:crypto';
import type { ReportReceived, SenderIdentity } from '@cc/contracts';
import type { ChannelMessage } from '../channels/channel-message';
import { detectScriptAndLanguage, keywordHints } from '../normalize';

/**
 * A stable pseudonym of a sender: it keys the sender's reports (so they stay in order across
 * channels when the identity is the same) and stands for them wherever a name would be personal
 * data — logs, feeds, metrics. Never reversible to the phone number without the source data.
 */
export function canonicalSenderKey(sender: SenderIdentity): string {
  const identity = sender.kind === 'phone' ? `phone:${sender.e164}` : `${sender.kind}:${sender.id}`;
  return `snd_${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}

/** The canonical report for a channel message: identity, text as sent, enrichment, times. */
export function canonicalReport(message: ChannelMessage, receivedAt: Date, declaredUnitCode?: string): ReportReceived {
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
    ...(declaredUnitCode ? { declaredUnitCode } : {}),
  };
}
