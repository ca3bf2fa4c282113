import type { HttpRequest } from '../providers/http-transport';
import { reject, type Rejection } from '../shared/rejection';
import type { WhatsAppMessage, WhatsAppOutbound } from './whatsapp-message';

export interface CloudApiConfig {
  /** `https://graph.facebook.com`; a fake's address in tests. */
  baseUrl: string;
  /** Graph API version, e.g. `v23.0`. */
  apiVersion: string;
  /** System-user access token (secret). */
  accessToken: string;
}

export type CloudApiRequestCode = 'WHATSAPP.INVALID_REQUEST';

const API_VERSION = /^v\d+\.\d+$/;
const PHONE_NUMBER_ID = /^\d{1,32}$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const BSUID = /^[A-Z]{2}\.\S{1,140}$/;
const CALLBACK_DATA_MAX = 512;

/**
 * The Cloud API's send-message request: `POST {base}/{version}/{phone-number-id}/messages`,
 * bearer token, JSON (developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
 * A user is addressed by `to` (phone number) and/or `recipient` (business-scoped user id, for
 * users who hide their number behind a username).
 */
export function buildCloudApiRequest(config: CloudApiConfig, outbound: WhatsAppOutbound): HttpRequest | Rejection<CloudApiRequestCode> {
  const { phoneNumberId, recipient, message, callbackData } = outbound;
  const invalid = (why: string) => reject('WHATSAPP.INVALID_REQUEST', why);
  if (!API_VERSION.test(config.apiVersion)) return invalid('the Graph API version is not of the form v23.0');
  if (!PHONE_NUMBER_ID.test(phoneNumberId)) return invalid('the sending phone-number id is not numeric');
  if (!recipient.phone && !recipient.bsuid) return invalid('the recipient has neither a phone number nor a business-scoped user id');
  if (recipient.phone !== undefined && !E164.test(recipient.phone)) return invalid('the recipient phone number is not E.164');
  if (recipient.bsuid !== undefined && !BSUID.test(recipient.bsuid)) return invalid('the recipient business-scoped user id is malformed');
  if (callbackData !== undefined && callbackData.length > CALLBACK_DATA_MAX) return invalid(`callback data is longer than ${CALLBACK_DATA_MAX} characters`);

  const body = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...(recipient.phone !== undefined ? { to: recipient.phone } : {}),
    ...(recipient.bsuid !== undefined ? { recipient: recipient.bsuid } : {}),
    ...(callbackData !== undefined ? { biz_opaque_callback_data: callbackData } : {}),
    ...content(message),
  };
  return {
    method: 'POST',
    url: `${config.baseUrl.replace(/\/+$/, '')}/${config.apiVersion}/${phoneNumberId}/messages`,
    headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function content(message: WhatsAppMessage): Record<string, unknown> {
  if (message.type === 'text') return { type: 'text', text: { preview_url: false, body: message.body } };
  const components = [
    ...(message.bodyParameters.length > 0
      ? [{ type: 'body', parameters: message.bodyParameters.map((text) => ({ type: 'text', text })) }]
      : []),
    ...message.buttonPayloads.map((payload, index) => ({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(index),
      parameters: [{ type: 'payload', payload }],
    })),
  ];
  return {
    type: 'template',
    template: { name: message.name, language: { code: message.languageCode }, ...(components.length > 0 ? { components } : {}) },
  };
}
