import { normalizeIndianPhone } from '@cc/identity';
import { type ChannelRejection, type DeliveryStatus, rejection } from '../channel-message';

export type GupshupStatusParseResult = { ok: true; status: DeliveryStatus } | { ok: true; ignored: string } | ChannelRejection;

/**
 * Gupshup's real-time delivery report words: `SUCCESS` (delivered to the handset) and the
 * failures; anything else (`UNKNOWN`, a report still pending at the operator) is acknowledged and
 * not published. docs.gupshup.io/docs/real-time-delivery-reports
 */
const STATES: Readonly<Record<string, DeliveryStatus['status']>> = {
  success: 'delivered',
  delivered: 'delivered',
  delivrd: 'delivered',
  fail: 'failed',
  failed: 'failed',
  undeliv: 'failed',
  expired: 'failed',
  rejected: 'failed',
};

/**
 * One delivery report as Gupshup calls the configured URL:
 * `?externalId=…&deliveredTS=<epoch ms>&status=…&cause=…&phoneNo=91…&errCode=…&noOfFrags=…&mask=…`
 * (already authenticated by the token in the URL). `externalId` is the id Gupshup answered the
 * send with, which notification stored as the provider message id.
 */
export function parseGupshupStatus(query: Record<string, unknown>, receivedAt: Date): GupshupStatusParseResult {
  const field = (name: string): string | undefined => (typeof query[name] === 'string' ? (query[name] as string).trim() : undefined);
  const externalId = field('externalId');
  if (!externalId) return rejection('CHANNEL.MISSING_FIELD', 'externalId is missing');
  const word = field('status')?.toLowerCase();
  if (!word) return rejection('CHANNEL.MISSING_FIELD', 'status is missing');
  const state = Object.hasOwn(STATES, word) ? STATES[word] : undefined;
  if (!state) return { ok: true, ignored: `status ${word.slice(0, 32)} is not a final delivery state` };
  const phoneNo = field('phoneNo');
  if (!phoneNo) return rejection('CHANNEL.MISSING_FIELD', 'phoneNo is missing');
  const phone = normalizeIndianPhone(phoneNo);
  if (!phone.ok) return rejection('CHANNEL.INVALID_RECIPIENT', `phoneNo: ${phone.reason}`);
  const deliveredMs = Number(field('deliveredTS'));
  const at = Number.isFinite(deliveredMs) && deliveredMs > 0 ? new Date(deliveredMs) : receivedAt;
  const code = Number(field('errCode'));
  const failed = state === 'failed' && Number.isInteger(code) && code !== 0;
  return {
    ok: true,
    status: {
      channel: 'sms',
      provider: 'gupshup',
      providerMessageId: externalId.slice(0, 256),
      status: state,
      timestamp: at.toISOString(),
      recipient: { kind: 'phone', e164: phone.e164 },
      ...(failed ? { errors: [{ code, title: (field('cause') || `Gupshup error ${code}`).slice(0, 512) }] } : {}),
    },
  };
}
