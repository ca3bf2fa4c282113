import type { DeclaredComplaint, ReportReceived } from '@cc/contracts';

/**
 * What every channel adapter produces: one provider message, understood but not yet a report.
 * The adapters are pure (no I/O); controllers verify the request, call an adapter, and hand each
 * message on. Text is data: it is carried verbatim, never trimmed, unescaped or interpreted.
 */
export type Channel = ReportReceived['channel'];

export type ChannelProvider = 'meta-cloud-api' | 'twilio' | 'gupshup' | 'app' | 'kafka';

/**
 * Who sent a message. A WhatsApp user who adopted a username may arrive without a phone number,
 * identified only by a business-scoped user id (BSUID), so identity can never assume a phone.
 */
export type SenderIdentity =
  | { kind: 'phone'; e164: string }
  | { kind: 'whatsapp-bsuid'; id: string }
  | { kind: 'app-user'; id: string };

export type ChannelMessageKind = 'text' | 'location' | 'media' | 'interactive' | 'button' | 'unsupported';

export type MediaType = 'image' | 'audio' | 'video' | 'document';

export interface MediaAttachment {
  type: MediaType;
  /** WhatsApp media id, fetched later through the Graph API. */
  providerMediaId?: string;
  /** Twilio media URL (fetching it needs the account credentials). */
  url?: string;
  mimeType?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
}

export interface ChannelLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export interface InteractiveReply {
  type: 'button_reply' | 'list_reply' | 'template_button';
  id?: string;
  title: string;
  description?: string;
}

/** The business endpoint that received the message: the number a reply must go out from. */
export interface ChannelDestination {
  /** WhatsApp phone_number_id, Twilio AccountSid. */
  id?: string;
  /** WhatsApp display number, Twilio `To`, Gupshup long code (`phonecode`). */
  address?: string;
}

/** Operator-side facts an Indian SMS gateway adds; `circle` is the telecom circle (e.g. "Bihar"). */
export interface SmsGatewayDetails {
  keyword?: string;
  circle?: string;
  carrier?: string;
}

export interface ChannelMessage {
  channel: Channel;
  provider: ChannelProvider;
  /** wamid, MessageSid, or for Gupshup an id derived from msisdn + timestamp + content. */
  providerMessageId: string;
  sender: SenderIdentity;
  /**
   * Other identities the provider reported for the same sender, e.g. the BSUID of a WhatsApp
   * user whose phone number is the primary identity, so the two can be linked later.
   */
  senderAliases?: SenderIdentity[];
  senderName?: string;
  /** ISO 8601, from the provider's clock; absent when the provider gave none we could read. */
  providerTimestamp?: string;
  kind: ChannelMessageKind;
  /** Body, caption or button title; '' when none. */
  text: string;
  media?: MediaAttachment[];
  location?: ChannelLocation;
  replyTo?: { providerMessageId: string };
  interactive?: InteractiveReply;
  /** Set when kind is 'unsupported': the message is accepted and marked, never dropped. */
  unsupportedReason?: string;
  destination?: ChannelDestination;
  smsGateway?: SmsGatewayDetails;
  /** The org unit the reporter chose (app, integrators). */
  declaredUnitCode?: string;
  /** The reporter filed it as a complaint (app, integrators). */
  declaredComplaint?: DeclaredComplaint;
}

/** What a message is, from what it carries, for channels that do not say (the app, integrators). */
export function kindOf(message: Pick<ChannelMessage, 'text' | 'media' | 'location'>): ChannelMessageKind {
  if ((message.media?.length ?? 0) > 0) return 'media';
  if (message.location && message.text === '') return 'location';
  return 'text';
}

export type DeliveryState = 'sent' | 'delivered' | 'read' | 'failed';

/** A provider's callback about a message the notification service sent, the recipient still as the provider named them. */
export interface DeliveryStatus {
  channel: 'whatsapp' | 'sms';
  provider: 'meta-cloud-api' | 'twilio' | 'gupshup';
  providerMessageId: string;
  status: DeliveryState;
  timestamp: string;
  recipient: SenderIdentity;
  errors?: Array<{ code: number; title: string }>;
}

export type ChannelRejectionCode =
  | 'CHANNEL.MALFORMED_PAYLOAD'
  | 'CHANNEL.UNEXPECTED_OBJECT'
  | 'CHANNEL.MISSING_FIELD'
  | 'CHANNEL.AMBIGUOUS_FIELD'
  | 'CHANNEL.INVALID_SENDER'
  | 'CHANNEL.INVALID_RECIPIENT'
  | 'CHANNEL.UNSUPPORTED_STATUS';

/** An expected failure: the request is not something this adapter can turn into messages. */
export interface ChannelRejection {
  ok: false;
  code: ChannelRejectionCode;
  reason: string;
}

export function rejection(code: ChannelRejectionCode, reason: string): ChannelRejection {
  return { ok: false, code, reason };
}

/** Something in an accepted request that deliberately produced no message or status. */
export interface IgnoredItem {
  reason: string;
  providerMessageId?: string;
}
