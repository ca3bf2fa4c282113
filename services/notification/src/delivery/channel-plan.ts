import type { Channel } from '../shared/channel';
import { reject, type Rejection } from '../shared/rejection';
import type { TemplateCatalogue } from '../templates/template-catalogue';
import { customerServiceWindow } from '../whatsapp/customer-service-window';
import { chooseWhatsAppMode, type WhatsAppMode } from '../whatsapp/whatsapp-message';
import type { Recipient } from './recipient';

export type PlanStep = { channel: 'whatsapp'; mode: WhatsAppMode } | { channel: 'sms' } | { channel: 'app' };

export type SkipCode =
  | 'DELIVERY.OPTED_OUT'
  | 'DELIVERY.NO_ADDRESS'
  | 'DELIVERY.NO_TEMPLATE'
  | 'DELIVERY.NOT_INDIAN_NUMBER'
  | 'DELIVERY.NO_SENDER'
  | 'DELIVERY.RENDER_FAILED';

export interface SkippedChannel {
  channel: Channel;
  code: SkipCode;
  reason: string;
}

export interface DeliveryPlan {
  ok: true;
  /** Tried in order; the next one only when the one before could not deliver. */
  steps: PlanStep[];
  skipped: SkippedChannel[];
}

export interface PlanInput {
  templateKey: string;
  recipient: Recipient;
  /** The channel a worker reported on: answers go back the same way first. */
  preferredChannel?: Channel;
  /** Channels this deployment can send on (credentials configured). */
  available: ReadonlySet<Channel>;
  catalogue: TemplateCatalogue;
  now: Date;
}

/** WhatsApp reaches most workers and costs least; the app next; SMS reaches every phone, so it is last. */
export const DEFAULT_CHANNEL_ORDER: readonly Channel[] = ['whatsapp', 'app', 'sms'];
const INDIAN_MOBILE = /^\+91[6-9]\d{9}$/;

/**
 * The order in which to try the channels for one notification. A channel is left out, with the
 * reason, when the person opted out of it, has no address on it, or nothing fits: outside the
 * 24-hour window WhatsApp needs an approved template, SMS needs a DLT-registered text for an
 * Indian number, the app a push text. Inside the window WhatsApp sends free text, with the
 * template behind it in case the window closed in between (Meta's 131047).
 */
export function planDelivery(input: PlanInput): DeliveryPlan | Rejection<'DELIVERY.NO_CHANNEL' | 'DELIVERY.UNKNOWN_TEMPLATE'> {
  const { templateKey, recipient, catalogue } = input;
  if (!catalogue.get(templateKey)) return reject('DELIVERY.UNKNOWN_TEMPLATE', `there is no template "${templateKey}"`);
  const order = input.preferredChannel
    ? [input.preferredChannel, ...DEFAULT_CHANNEL_ORDER.filter((channel) => channel !== input.preferredChannel)]
    : DEFAULT_CHANNEL_ORDER;

  const steps: PlanStep[] = [];
  const skipped: SkippedChannel[] = [];
  const has = (rendering: Parameters<TemplateCatalogue['languagesWith']>[1]) => catalogue.languagesWith(templateKey, rendering).length > 0;
  const skip = (channel: Channel, code: SkipCode, reason: string) => skipped.push({ channel, code, reason });

  for (const channel of order) {
    if (!input.available.has(channel)) {
      skip(channel, 'DELIVERY.NO_SENDER', `no ${channel} provider is configured`);
    } else if (recipient.optedOut.has(channel)) {
      skip(channel, 'DELIVERY.OPTED_OUT', `the recipient opted out of ${channel}`);
    } else if (channel === 'whatsapp') {
      if (!recipient.whatsapp?.phone && !recipient.whatsapp?.bsuid) {
        skip(channel, 'DELIVERY.NO_ADDRESS', 'the recipient has no WhatsApp number or user id');
        continue;
      }
      const window = customerServiceWindow(recipient.lastWhatsAppInboundAt, input.now);
      const mode = chooseWhatsAppMode(window.open, has('whatsapp-template'));
      if (typeof mode !== 'string') skip(channel, 'DELIVERY.NO_TEMPLATE', mode.reason);
      else steps.push({ channel, mode }, ...(mode === 'free-text' && has('whatsapp-template') ? [{ channel, mode: 'template' } as const] : []));
    } else if (channel === 'sms') {
      if (!recipient.phone) skip(channel, 'DELIVERY.NO_ADDRESS', 'the recipient has no phone number');
      else if (!INDIAN_MOBILE.test(recipient.phone)) skip(channel, 'DELIVERY.NOT_INDIAN_NUMBER', 'SMS goes over DLT routes, which reach Indian mobiles only');
      else if (!has('sms')) skip(channel, 'DELIVERY.NO_TEMPLATE', 'no DLT-registered SMS text fits this notification');
      else steps.push({ channel });
    } else if (!recipient.appUserId) {
      skip(channel, 'DELIVERY.NO_ADDRESS', 'the recipient has no app account');
    } else if (!has('app')) {
      skip(channel, 'DELIVERY.NO_TEMPLATE', 'no push text fits this notification');
    } else {
      steps.push({ channel });
    }
  }
  if (steps.length === 0) {
    return reject('DELIVERY.NO_CHANNEL', `no channel can carry "${templateKey}": ${skipped.map((each) => `${each.channel}: ${each.reason}`).join('; ')}`);
  }
  return { ok: true, steps, skipped };
}
