import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const DeliveryStates = ['sent', 'delivered', 'read', 'failed'] as const;

/**
 * A provider's callback about a message we sent. Providers do not guarantee order and may skip
 * states (`delivered` can be missing), so consumers keep the furthest state seen.
 */
export const deliveryStatusSchema = z.strictObject({
  channel: z.enum(['whatsapp', 'sms']),
  provider: z.enum(['meta-cloud-api', 'twilio', 'gupshup']),
  /** The id the provider gave our outbound message (wamid, MessageSid). */
  providerMessageId: z.string().min(1).max(256),
  status: z.enum(DeliveryStates),
  timestamp: z.iso.datetime({ offset: true }),
  /** Pseudonym of the recipient (see report-received senderKey); never the number itself. */
  recipientKey: z.string().min(8).max(128),
  errors: z.array(z.strictObject({ code: z.number().int(), title: z.string().max(512) })).max(10).optional(),
});

export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const DeliveryStatusEvent = defineEvent({
  type: 'org.connectcenter.intake.delivery.status.v1',
  version: 1,
  topic: Topics.DeliveryStatus,
  schema: deliveryStatusSchema,
  key: (status) => status.providerMessageId,
  subject: (status) => status.providerMessageId,
  description: 'A delivery-status callback (sent, delivered, read, failed) for a message the notification service sent.',
  example: {
    channel: 'whatsapp',
    provider: 'meta-cloud-api',
    providerMessageId: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgSQzU2RTc4QkI5QjA0RjQ3NzhGAA==',
    status: 'failed',
    timestamp: '2026-11-26T04:05:00.000Z',
    recipientKey: 'snd_7a4c1e9b2d3f5a6c',
    errors: [{ code: 131047, title: 'Re-engagement message' }],
  },
});
