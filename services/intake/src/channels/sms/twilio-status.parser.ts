import { normalizeIndianPhone } from '@cc/identity';
import { type ChannelRejection, type DeliveryStatus, rejection } from '../channel-message';

export type TwilioStatusParseResult = { ok: true; status: DeliveryStatus } | { ok: true; ignored: string } | ChannelRejection;

/**
 * Twilio's `MessageStatus` words to our states. `queued`, `accepted`, `scheduled` and `sending`
 * say nothing about the recipient yet: acknowledged, not published. `undelivered` (the carrier
 * refused it), `failed` (never sent) and `canceled` are failures; `read` comes from WhatsApp over
 * Twilio. twilio.com/docs/messaging/api/message-resource#message-status-values
 */
const STATES: Readonly<Record<string, DeliveryStatus['status'] | null>> = {
  queued: null,
  accepted: null,
  scheduled: null,
  sending: null,
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

const WHATSAPP_PREFIX = 'whatsapp:';

/**
 * One Twilio status callback (form-encoded POST, already verified). Twilio sends no time with it:
 * `receivedAt` stands in. `ErrorCode` (e.g. 30003 unreachable, 21610 opted out) is kept for the
 * notification service, which decides what a failure means.
 */
export function parseTwilioStatus(params: Record<string, string>, receivedAt: Date): TwilioStatusParseResult {
  const sid = params.MessageSid ?? params.SmsSid;
  if (!sid) return rejection('CHANNEL.MISSING_FIELD', 'MessageSid is missing');
  const word = (params.MessageStatus ?? params.SmsStatus)?.toLowerCase();
  if (!word) return rejection('CHANNEL.MISSING_FIELD', 'MessageStatus is missing');
  if (!Object.hasOwn(STATES, word)) return rejection('CHANNEL.UNSUPPORTED_STATUS', `MessageStatus "${word.slice(0, 32)}" is not a Twilio message status`);
  const state = STATES[word];
  if (!state) return { ok: true, ignored: `MessageStatus ${word} says nothing about delivery yet` };
  const to = params.To;
  if (!to) return rejection('CHANNEL.MISSING_FIELD', 'To is missing');
  const viaWhatsApp = to.startsWith(WHATSAPP_PREFIX);
  const phone = normalizeIndianPhone(viaWhatsApp ? to.slice(WHATSAPP_PREFIX.length) : to);
  if (!phone.ok) return rejection('CHANNEL.INVALID_RECIPIENT', `To: ${phone.reason}`);
  const code = params.ErrorCode ? Number(params.ErrorCode) : Number.NaN;
  return {
    ok: true,
    status: {
      channel: viaWhatsApp ? 'whatsapp' : 'sms',
      provider: 'twilio',
      providerMessageId: sid,
      status: state,
      timestamp: receivedAt.toISOString(),
      recipient: { kind: 'phone', e164: phone.e164 },
      ...(Number.isInteger(code) ? { errors: [{ code, title: (params.ErrorMessage || `Twilio error ${code}`).slice(0, 512) }] } : {}),
    },
  };
}
