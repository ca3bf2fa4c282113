import type { z } from 'zod';
import {
  type ChannelDestination,
  type ChannelMessage,
  type ChannelRejection,
  type DeliveryState,
  type DeliveryStatus,
  type IgnoredItem,
  rejection,
  type SenderIdentity,
} from '../channel-message';
import { normalizeIndianPhone } from '@cc/identity';
import {
  WHATSAPP_OBJECT,
  type WhatsAppContact,
  type WhatsAppError,
  type WhatsAppMessage,
  type WhatsAppMessagesValue,
  whatsAppButtonSchema,
  whatsAppContactSchema,
  whatsAppEnvelopeSchema,
  whatsAppInteractiveSchema,
  whatsAppLocationSchema,
  whatsAppMediaSchema,
  whatsAppMessageSchema,
  whatsAppMessagesValueSchema,
  whatsAppStatusSchema,
  whatsAppTextSchema,
} from './whatsapp-webhook.schema';

export interface WhatsAppWebhookParsed {
  ok: true;
  messages: ChannelMessage[];
  statuses: DeliveryStatus[];
  ignored: IgnoredItem[];
}

export type WhatsAppWebhookParseResult = WhatsAppWebhookParsed | ChannelRejection;

type Content = Pick<ChannelMessage, 'kind' | 'text' | 'media' | 'location' | 'interactive' | 'unsupportedReason'>;

const DELIVERY_STATES: readonly string[] = ['sent', 'delivered', 'read', 'failed'] satisfies DeliveryState[];
const BSUID = /^\S{1,256}$/;

/**
 * Turns one webhook POST (several entries, changes, messages and statuses) into channel messages
 * and delivery statuses. The request as a whole is rejected only when it is not a WhatsApp
 * Business webhook at all; anything inside it that cannot become a message is listed in
 * `ignored` with a reason, and a message of a type we do not handle is accepted as 'unsupported'.
 */
export function parseWhatsAppWebhook(body: unknown): WhatsAppWebhookParseResult {
  if (isRecord(body) && 'object' in body && body.object !== WHATSAPP_OBJECT) {
    return rejection('CHANNEL.UNEXPECTED_OBJECT', `object is not "${WHATSAPP_OBJECT}"`);
  }
  const envelope = whatsAppEnvelopeSchema.safeParse(body);
  if (!envelope.success) return rejection('CHANNEL.MALFORMED_PAYLOAD', `not a WhatsApp webhook: ${describe(envelope.error)}`);

  const result: WhatsAppWebhookParsed = { ok: true, messages: [], statuses: [], ignored: [] };
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        result.ignored.push({ reason: `change field ${quote(change.field)} is not handled` });
        continue;
      }
      const value = whatsAppMessagesValueSchema.safeParse(change.value);
      if (!value.success) {
        result.ignored.push({ reason: `malformed messages change: ${describe(value.error)}` });
        continue;
      }
      collect(value.data, result);
    }
  }
  return result;
}

function collect(value: WhatsAppMessagesValue, into: WhatsAppWebhookParsed): void {
  const contacts = (value.contacts ?? []).flatMap((raw) => {
    const contact = whatsAppContactSchema.safeParse(raw);
    return contact.success ? [contact.data] : [];
  });
  const destination = destinationOf(value);
  for (const raw of value.messages ?? []) {
    const outcome = toChannelMessage(raw, contacts, destination);
    if ('reason' in outcome) into.ignored.push(outcome);
    else into.messages.push(outcome);
  }
  for (const raw of value.statuses ?? []) {
    const outcome = toDeliveryStatus(raw);
    if ('reason' in outcome) into.ignored.push(outcome);
    else into.statuses.push(outcome);
  }
}

function toChannelMessage(
  raw: unknown,
  contacts: WhatsAppContact[],
  destination: ChannelDestination | undefined,
): ChannelMessage | IgnoredItem {
  const parsed = whatsAppMessageSchema.safeParse(raw);
  if (!parsed.success) return withId({ reason: `malformed message: ${describe(parsed.error)}` }, idOf(raw));
  const message = parsed.data;
  if (message.type === 'reaction') return { reason: 'a reaction is not a report', providerMessageId: message.id };

  const contact = contactOf(message, contacts);
  const identities = senderIdentities(message, contact);
  if (identities.length === 0) {
    return { reason: 'message has neither a valid phone number nor a business-scoped user id', providerMessageId: message.id };
  }
  const [sender, ...aliases] = identities;
  const name = contact?.profile?.name;
  return {
    channel: 'whatsapp',
    provider: 'meta-cloud-api',
    providerMessageId: message.id,
    sender,
    ...(aliases.length > 0 ? { senderAliases: aliases } : {}),
    ...(name ? { senderName: name } : {}),
    ...(message.timestamp ? { providerTimestamp: fromUnixSeconds(message.timestamp) } : {}),
    ...(message.context?.id ? { replyTo: { providerMessageId: message.context.id } } : {}),
    ...(destination ? { destination } : {}),
    ...contentOf(message),
  };
}

function contentOf(message: WhatsAppMessage): Content {
  const payload: unknown = message[message.type];
  switch (message.type) {
    case 'text': {
      const text = whatsAppTextSchema.safeParse(payload);
      return text.success ? { kind: 'text', text: text.data.body } : malformed('text', text.error);
    }
    case 'location': {
      const location = whatsAppLocationSchema.safeParse(payload);
      if (!location.success) return malformed('location', location.error);
      const { latitude, longitude, name, address } = location.data;
      return {
        kind: 'location',
        text: '',
        location: { latitude, longitude, ...(name !== undefined ? { name } : {}), ...(address !== undefined ? { address } : {}) },
      };
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'document': {
      const media = whatsAppMediaSchema.safeParse(payload);
      if (!media.success) return malformed(message.type, media.error);
      const { id, mime_type, sha256, caption, filename } = media.data;
      return {
        kind: 'media',
        text: caption ?? '',
        media: [
          {
            type: message.type,
            providerMediaId: id,
            ...(mime_type !== undefined ? { mimeType: mime_type } : {}),
            ...(sha256 !== undefined ? { sha256 } : {}),
            ...(caption !== undefined ? { caption } : {}),
            ...(filename !== undefined ? { filename } : {}),
          },
        ],
      };
    }
    case 'interactive': {
      const interactiveType = isRecord(payload) ? payload.type : undefined;
      if (interactiveType !== 'button_reply' && interactiveType !== 'list_reply') {
        return unsupported(`interactive type ${quote(interactiveType)} is not supported`);
      }
      const interactive = whatsAppInteractiveSchema.safeParse(payload);
      if (!interactive.success) return malformed('interactive', interactive.error);
      if (interactive.data.type === 'button_reply') {
        const { id, title } = interactive.data.button_reply;
        return { kind: 'interactive', text: title, interactive: { type: 'button_reply', id, title } };
      }
      const { id, title, description } = interactive.data.list_reply;
      return {
        kind: 'interactive',
        text: title,
        interactive: { type: 'list_reply', id, title, ...(description !== undefined ? { description } : {}) },
      };
    }
    case 'button': {
      const button = whatsAppButtonSchema.safeParse(payload);
      if (!button.success) return malformed('button', button.error);
      const { payload: id, text } = button.data;
      return { kind: 'button', text, interactive: { type: 'template_button', ...(id !== undefined ? { id } : {}), title: text } };
    }
    default:
      return unsupported(`message type ${quote(message.type)} is not supported${errorSuffix(message.errors)}`);
  }
}

function contactOf(message: WhatsAppMessage, contacts: WhatsAppContact[]): WhatsAppContact | undefined {
  const ownBsuid = message.from_user_id ?? message.user_id;
  return (
    (message.from !== undefined ? contacts.find((contact) => contact.wa_id === message.from) : undefined) ??
    (ownBsuid !== undefined ? contacts.find((contact) => contact.user_id === ownBsuid) : undefined) ??
    (message.from === undefined && ownBsuid === undefined && contacts.length === 1 ? contacts[0] : undefined)
  );
}

/** The phone number first when there is one, then the BSUID: most reports still come with both. */
function senderIdentities(message: WhatsAppMessage, contact: WhatsAppContact | undefined): SenderIdentity[] {
  const identities: SenderIdentity[] = [];
  const phone = message.from !== undefined ? whatsAppPhone(message.from) : undefined;
  if (phone) identities.push(phone);
  const bsuid = message.from_user_id ?? message.user_id ?? contact?.user_id;
  if (bsuid !== undefined && BSUID.test(bsuid)) identities.push({ kind: 'whatsapp-bsuid', id: bsuid });
  return identities;
}

/** WhatsApp ids are full international numbers without the `+`. */
function whatsAppPhone(waId: string): SenderIdentity | undefined {
  if (!/^\d+$/.test(waId)) return undefined;
  const phone = normalizeIndianPhone(`+${waId}`);
  return phone.ok ? { kind: 'phone', e164: phone.e164 } : undefined;
}

function toDeliveryStatus(raw: unknown): DeliveryStatus | IgnoredItem {
  const parsed = whatsAppStatusSchema.safeParse(raw);
  if (!parsed.success) return withId({ reason: `malformed status: ${describe(parsed.error)}` }, idOf(raw));
  const status = parsed.data;
  const state = status.status;
  if (!isDeliveryState(state)) {
    return { reason: `status ${quote(status.status)} is not tracked`, providerMessageId: status.id };
  }
  const recipient =
    (status.recipient_id !== undefined ? whatsAppPhone(status.recipient_id) : undefined) ??
    (status.recipient_user_id !== undefined && BSUID.test(status.recipient_user_id)
      ? ({ kind: 'whatsapp-bsuid', id: status.recipient_user_id } as const)
      : undefined);
  if (!recipient) {
    return { reason: 'status has no recipient phone number or business-scoped user id', providerMessageId: status.id };
  }
  const errors = status.errors?.map((error) => ({ code: error.code, title: error.title ?? error.message ?? 'unknown error' }));
  return {
    channel: 'whatsapp',
    provider: 'meta-cloud-api',
    providerMessageId: status.id,
    status: state,
    timestamp: fromUnixSeconds(status.timestamp),
    recipient,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function isDeliveryState(value: string): value is DeliveryState {
  return DELIVERY_STATES.includes(value);
}

function destinationOf(value: WhatsAppMessagesValue): ChannelDestination | undefined {
  const id = value.metadata?.phone_number_id;
  const address = value.metadata?.display_phone_number;
  if (id === undefined && address === undefined) return undefined;
  return { ...(id !== undefined ? { id } : {}), ...(address !== undefined ? { address } : {}) };
}

/** Reasons travel on the report event, which caps them at 256 characters. */
const MAX_REASON = 256;

function unsupported(reason: string): Content {
  return { kind: 'unsupported', text: '', unsupportedReason: reason.slice(0, MAX_REASON) };
}

function malformed(type: string, error: z.ZodError): Content {
  return unsupported(`${type} payload is malformed: ${describe(error)}`);
}

function errorSuffix(errors: WhatsAppError[] | undefined): string {
  const first = errors?.[0];
  return first ? ` (${first.title ?? first.message ?? 'error'} ${first.code})` : '';
}

function fromUnixSeconds(seconds: string): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

function idOf(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : undefined;
}

function withId(item: IgnoredItem, providerMessageId: string | undefined): IgnoredItem {
  return providerMessageId !== undefined ? { ...item, providerMessageId } : item;
}

/** Field paths and zod's messages only: reasons are logged, so they never quote payload values. */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : String(typeof value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
