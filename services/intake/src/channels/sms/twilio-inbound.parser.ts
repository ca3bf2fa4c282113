import type { ChannelDestination, ChannelLocation, ChannelMessage, ChannelRejection, MediaAttachment, MediaType } from '../channel-message';
import { rejection } from '../channel-message';
import { normalizeIndianPhone } from '@cc/identity';

export type TwilioInboundParseResult = { ok: true; message: ChannelMessage } | ChannelRejection;

/** Twilio allows at most 10 media items per message; more is not a Twilio request. */
const MAX_MEDIA = 10;
const WHATSAPP_PREFIX = 'whatsapp:';

/**
 * One Twilio inbound message (form-encoded POST, already verified) into a channel message.
 * Twilio also carries WhatsApp: its addresses are then prefixed `whatsapp:`, and the message is
 * marked as the WhatsApp channel, still from the Twilio provider.
 */
export function parseTwilioInbound(params: Record<string, string>): TwilioInboundParseResult {
  const sid = params.MessageSid;
  if (!sid) return rejection('CHANNEL.MISSING_FIELD', 'MessageSid is missing');
  const from = params.From;
  if (!from) return rejection('CHANNEL.MISSING_FIELD', 'From is missing');
  const viaWhatsApp = from.startsWith(WHATSAPP_PREFIX);
  const phone = normalizeIndianPhone(viaWhatsApp ? from.slice(WHATSAPP_PREFIX.length) : from);
  if (!phone.ok) return rejection('CHANNEL.INVALID_SENDER', `From: ${phone.reason}`);

  const media = mediaOf(params);
  const location = locationOf(params);
  const destination = destinationOf(params);
  return {
    ok: true,
    message: {
      channel: viaWhatsApp ? 'whatsapp' : 'sms',
      provider: 'twilio',
      providerMessageId: sid,
      sender: { kind: 'phone', e164: phone.e164 },
      ...(params.ProfileName ? { senderName: params.ProfileName } : {}),
      kind: location ? 'location' : media.length > 0 ? 'media' : 'text',
      text: params.Body ?? '',
      ...(media.length > 0 ? { media } : {}),
      ...(location ? { location } : {}),
      ...(params.OriginalRepliedMessageSid ? { replyTo: { providerMessageId: params.OriginalRepliedMessageSid } } : {}),
      ...(destination ? { destination } : {}),
    },
  };
}

function mediaOf(params: Record<string, string>): MediaAttachment[] {
  const count = Math.min(Number.parseInt(params.NumMedia ?? '0', 10) || 0, MAX_MEDIA);
  const media: MediaAttachment[] = [];
  for (let index = 0; index < count; index++) {
    const url = params[`MediaUrl${index}`];
    if (!url) continue;
    const mimeType = params[`MediaContentType${index}`];
    media.push({ type: mediaType(mimeType), url, ...(mimeType ? { mimeType } : {}) });
  }
  return media;
}

function mediaType(mimeType: string | undefined): MediaType {
  const top = mimeType?.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'document';
}

function locationOf(params: Record<string, string>): ChannelLocation | undefined {
  if (!params.Latitude || !params.Longitude) return undefined;
  const latitude = Number(params.Latitude);
  const longitude = Number(params.Longitude);
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) return undefined;
  return {
    latitude,
    longitude,
    ...(params.Label ? { name: params.Label } : {}),
    ...(params.Address ? { address: params.Address } : {}),
  };
}

function destinationOf(params: Record<string, string>): ChannelDestination | undefined {
  const id = params.AccountSid;
  const address = params.To?.startsWith(WHATSAPP_PREFIX) ? params.To.slice(WHATSAPP_PREFIX.length) : params.To;
  if (!id && !address) return undefined;
  return { ...(id ? { id } : {}), ...(address ? { address } : {}) };
}
