import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { declaredComplaintSchema, locationSchema, mediaReferenceSchema, unitCodeSchema } from './report-content';

export const Channels = ['whatsapp', 'sms', 'app'] as const;
export const Providers = ['meta-cloud-api', 'twilio', 'gupshup', 'app', 'kafka'] as const;
export const MessageKinds = ['text', 'location', 'media', 'interactive', 'button', 'unsupported'] as const;
export const Scripts = ['devanagari', 'latin', 'mixed', 'other', 'none'] as const;
/** BCP 47: `hi-Latn` is Hindi written in Latin letters ("Hinglish"); `und` undetermined. */
export const Languages = ['hi', 'en', 'hi-Latn', 'und'] as const;

const isoInstant = z.iso.datetime({ offset: true });

/**
 * Who sent a report. A WhatsApp user with a username may have no phone number, only a
 * business-scoped user id (BSUID), so identity never assumes a phone. Personal data: it travels
 * on this internal topic for membership to attribute the report, and never into HQ feeds or logs.
 */
export const senderIdentitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phone'), e164: z.string().regex(/^\+[1-9]\d{7,14}$/, 'E.164, e.g. +919812348765') }),
  z.strictObject({ kind: z.literal('whatsapp-bsuid'), id: z.string().min(1).max(256) }),
  z.strictObject({ kind: z.literal('app-user'), id: z.string().min(1).max(128) }),
]);

export const reportReceivedSchema = z.strictObject({
  reportId: z.uuid(),
  channel: z.enum(Channels),
  provider: z.enum(Providers),
  /**
   * wamid, Twilio MessageSid, a Gupshup id derived from msisdn + timestamp + content, or for the
   * app `<integrator>:<idempotency key>`. `provider` is `kafka` for what integrators published on
   * the ingress topic, whatever the channel.
   */
  providerMessageId: z.string().min(1).max(256),
  sender: senderIdentitySchema,
  /** Opaque pseudonym of the sender (a hash, never the phone number): the record key, for order per sender. */
  senderKey: z.string().min(8).max(128),
  senderName: z.string().max(256).optional(),
  kind: z.enum(MessageKinds),
  /** As sent (Unicode, unaltered): the body, a caption, or a button's title; empty when none. */
  text: z.string().max(4096),
  script: z.enum(Scripts),
  language: z.enum(Languages),
  /** Bilingual keyword hints (e.g. शिकायत / complaint, BDO, CO / अंचल, प्रखंड). */
  keywords: z.array(z.strictObject({ category: z.string().min(1).max(64), matched: z.string().min(1).max(128) })).max(50),
  media: z.array(mediaReferenceSchema).max(10),
  location: locationSchema.optional(),
  replyTo: z.strictObject({ providerMessageId: z.string().min(1).max(256) }).optional(),
  interactive: z
    .strictObject({
      type: z.enum(['button_reply', 'list_reply', 'template_button']),
      id: z.string().max(256).optional(),
      title: z.string().max(256),
      description: z.string().max(512).optional(),
    })
    .optional(),
  /** Set for message types intake accepts but cannot read (stickers, contacts, ...). */
  unsupportedReason: z.string().max(256).optional(),
  providerTimestamp: isoInstant.optional(),
  receivedAt: isoInstant,
  /** The org unit the reporter declared (app), if any; membership attributes the rest. */
  declaredUnitCode: unitCodeSchema.optional(),
  /**
   * The party's number or account the message reached (WhatsApp phone_number_id and display
   * number, Twilio AccountSid and `To`, Gupshup long code): replies go out from it, and it tells
   * membership which state an unknown sender most likely belongs to.
   */
  channelEndpoint: z.strictObject({ id: z.string().min(1).max(128).optional(), address: z.string().min(1).max(64).optional() }).optional(),
  /** The reporter chose to file a complaint (app, integrators); absent when the channel has no such choice. */
  declaredComplaint: declaredComplaintSchema.optional(),
});

export type ReportReceived = z.infer<typeof reportReceivedSchema>;
export type SenderIdentity = z.infer<typeof senderIdentitySchema>;

export const ReportReceivedEvent = defineEvent({
  type: 'org.connectcenter.intake.report.received.v1',
  version: 1,
  topic: Topics.ReportReceived,
  schema: reportReceivedSchema,
  key: (report) => report.senderKey,
  subject: (report) => report.reportId,
  description: 'A worker report from any channel, stored once per channel message (a provider’s retries make no second report).',
  example: {
    reportId: '3f1c2a9e-8d4b-4e2a-9c1f-0a6b7d5e4c3b',
    channel: 'whatsapp',
    provider: 'meta-cloud-api',
    providerMessageId: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgUM0VCMDRFQjU3QjA1',
    sender: { kind: 'phone', e164: '+919876543210' },
    senderKey: 'snd_7a4c1e9b2d3f5a6c',
    senderName: 'Ramesh',
    kind: 'text',
    text: 'प्रखंड कार्यालय में BDO नहीं मिले, शिकायत दर्ज करें',
    script: 'devanagari',
    language: 'hi',
    keywords: [
      { category: 'block', matched: 'प्रखंड' },
      { category: 'bdo', matched: 'BDO' },
      { category: 'complaint', matched: 'शिकायत' },
    ],
    media: [],
    providerTimestamp: '2026-11-26T04:00:00.000Z',
    receivedAt: '2026-11-26T09:30:00.000+05:30',
    channelEndpoint: { id: '106540352242922', address: '+916201234567' },
    declaredUnitCode: 'JH-RAN-KANKE',
  },
});

/**
 * The same canonical report, on intake's own log (see Topics.ReportAccepted): a webhook's message
 * as accepted before the provider was answered, not yet deduplicated. Its `reportId` is derived
 * from the channel and the provider's message id, so a provider's retry carries the same one.
 */
export const ReportAcceptedEvent = defineEvent({
  // Schema, key, subject and example are report-received's: the same report, one step earlier.
  ...ReportReceivedEvent,
  type: 'org.connectcenter.intake.report.accepted.v1',
  topic: Topics.ReportAccepted,
  description:
    'A WhatsApp or SMS message as intake accepted it, durably on Kafka before the provider was answered; intake deduplicates it and publishes it once as a report received.',
});
