import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { declaredComplaintSchema, locationSchema, mediaReferenceSchema, unitCodeSchema } from './report-content';

/**
 * A sender as an integrator knows them. Unlike the canonical report, a phone number may come in
 * any form a gateway writes it (`9812348765`, `919812348765`, `+91 98123 48765`): intake
 * normalises it to E.164 and dead-letters the message if it cannot.
 */
export const ingressSenderSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phone'), number: z.string().min(1).max(32) }),
  z.strictObject({ kind: z.literal('whatsapp-bsuid'), id: z.string().min(1).max(256) }),
  z.strictObject({ kind: z.literal('app-user'), id: z.string().min(1).max(128) }),
]);

export const channelMessageIngressSchema = z.strictObject({
  /** Who publishes: a short, stable name agreed with the operators (it namespaces app message ids). */
  integrator: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters'),
  /** The channel the worker used. */
  channel: z.enum(['whatsapp', 'sms', 'app']),
  /**
   * The provider's message id (wamid, SMS gateway id) or, for the app, the idempotency key of the
   * report: a message published again with the same id is one report.
   */
  messageId: z.string().min(1).max(200),
  sender: ingressSenderSchema,
  senderName: z.string().max(256).optional(),
  /** As the worker wrote it; may be empty when the message is only media or a location. */
  text: z.string().max(4096).default(''),
  /** When the worker sent it, by the integrator's clock. */
  sentAt: z.iso.datetime({ offset: true }).optional(),
  attachments: z.array(mediaReferenceSchema).max(10).default([]),
  location: locationSchema.optional(),
  declaredUnitCode: unitCodeSchema.optional(),
  complaint: declaredComplaintSchema.optional(),
});

export type ChannelMessageIngress = z.infer<typeof channelMessageIngressSchema>;

export const ChannelMessageIngressEvent = defineEvent({
  type: 'org.connectcenter.ingress.channel.message.v1',
  version: 1,
  topic: Topics.ChannelMessageIngress,
  schema: channelMessageIngressSchema,
  key: (message) => `${message.integrator}:${message.sender.kind === 'phone' ? message.sender.number : message.sender.id}`,
  subject: (message) => message.messageId,
  description:
    'A worker message that a channel integrator (the party app backend, a WhatsApp or SMS partner) publishes straight to Kafka. Intake validates, normalises and deduplicates it exactly as its HTTP channels do and publishes the report received; what it cannot accept goes to the dead-letter topic with the reason.',
  example: {
    integrator: 'party-app',
    channel: 'app',
    messageId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    sender: { kind: 'app-user', id: 'app-user-20931' },
    senderName: 'Sunita Devi',
    text: 'हमारी पंचायत में राशन वितरण नहीं हुआ, प्रखंड कार्यालय में शिकायत की थी',
    sentAt: '2026-11-26T04:12:00.000Z',
    attachments: [{ type: 'image', url: 'https://app.example.org/attachments/5f2b9c', mimeType: 'image/jpeg' }],
    location: { latitude: 23.3441, longitude: 85.3096 },
    declaredUnitCode: 'JH-RAN-KANKE',
    complaint: { category: 'government-service', subject: 'ration distribution' },
  },
});
