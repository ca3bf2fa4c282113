import type { ChannelMessageIngress } from '@cc/contracts';
import { normalizeIndianPhone } from '@cc/identity';
import { type ChannelMessage, type ChannelRejection, kindOf, rejection, type SenderIdentity } from '../channel-message';

/**
 * The channel message for what an integrator published on the Kafka ingress (already valid
 * against the contract's schema). Ids follow the HTTP channels', so that a message arriving both
 * ways is one report: a wamid stays a wamid, an app key becomes `<integrator>:<key>`.
 */
export function parseIngressMessage(event: ChannelMessageIngress): { ok: true; message: ChannelMessage } | ChannelRejection {
  const sender = senderOf(event.sender);
  if (!sender.ok) return sender;
  const media = event.attachments.map((attachment) => ({ ...attachment }));
  return {
    ok: true,
    message: {
      channel: event.channel,
      provider: 'kafka',
      providerMessageId: event.channel === 'app' ? `${event.integrator}:${event.messageId}` : event.messageId,
      sender: sender.identity,
      ...(event.senderName ? { senderName: event.senderName } : {}),
      ...(event.sentAt ? { providerTimestamp: new Date(event.sentAt).toISOString() } : {}),
      kind: kindOf({ text: event.text, media, location: event.location }),
      text: event.text,
      media,
      ...(event.location ? { location: event.location } : {}),
      ...(event.declaredUnitCode ? { declaredUnitCode: event.declaredUnitCode } : {}),
      ...(event.complaint ? { declaredComplaint: event.complaint } : {}),
    },
  };
}

function senderOf(sender: ChannelMessageIngress['sender']): { ok: true; identity: SenderIdentity } | ChannelRejection {
  if (sender.kind !== 'phone') return { ok: true, identity: sender };
  const phone = normalizeIndianPhone(sender.number);
  if (!phone.ok) return rejection('CHANNEL.INVALID_SENDER', `sender.number is not a phone number intake can use (${phone.reason})`);
  return { ok: true, identity: { kind: 'phone', e164: phone.e164 } };
}
