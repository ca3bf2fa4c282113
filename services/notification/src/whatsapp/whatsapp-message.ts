import { reject, type Rejection } from '../shared/rejection';
import type { RenderedWhatsAppTemplate, RenderedWhatsAppText } from '../templates/render';

export type WhatsAppMode = 'free-text' | 'template';

/** A WhatsApp user: the phone number, the business-scoped user id (for users with a username), or both. */
export interface WhatsAppRecipient {
  /** E.164. */
  phone?: string;
  bsuid?: string;
}

export type WhatsAppMessage =
  | { type: 'text'; body: string }
  | { type: 'template'; name: string; languageCode: string; bodyParameters: string[]; buttonPayloads: string[] };

export interface WhatsAppOutbound {
  /** The business number it goes out from (Cloud API phone-number id). */
  phoneNumberId: string;
  recipient: WhatsAppRecipient;
  message: WhatsAppMessage;
  /** Sent as `biz_opaque_callback_data`: Meta returns it in status webhooks. The notification id. */
  callbackData?: string;
}

/**
 * Free text while the customer-service window is open (free of charge, and it reads as a
 * reply); an approved template outside it, which is the only thing Meta delivers then. Without
 * a template there is no WhatsApp message to send: the caller falls back to SMS.
 */
export function chooseWhatsAppMode(windowOpen: boolean, hasTemplate: boolean): WhatsAppMode | Rejection<'WHATSAPP.NO_TEMPLATE_OUTSIDE_WINDOW'> {
  if (windowOpen) return 'free-text';
  if (hasTemplate) return 'template';
  return reject('WHATSAPP.NO_TEMPLATE_OUTSIDE_WINDOW', 'the 24-hour window is closed and no approved template fits this notification');
}

export function whatsAppMessageOf(rendered: RenderedWhatsAppText | RenderedWhatsAppTemplate): WhatsAppMessage {
  if (rendered.rendering === 'whatsapp-text') return { type: 'text', body: rendered.body };
  const { name, language, bodyParameters, buttonPayloads } = rendered;
  return { type: 'template', name, languageCode: language, bodyParameters, buttonPayloads };
}
