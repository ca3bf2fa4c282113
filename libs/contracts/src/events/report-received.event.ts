import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const Channels = ['whatsapp', 'sms', 'app', 'kafka'] as const;

export const reportReceivedSchema = z.strictObject({
  reportId: z.uuid(),
  channel: z.enum(Channels),
  providerMessageId: z.string().min(1).max(256),
  /** Opaque sender key (a hash, never the phone number) so that one sender's reports stay ordered. */
  senderKey: z.string().min(8).max(128),
  text: z.string().max(4096),
  receivedAt: z.iso.datetime({ offset: true }),
  declaredUnitCode: z.string().min(2).max(32).optional(),
});

export type ReportReceived = z.infer<typeof reportReceivedSchema>;

export const ReportReceivedEvent = defineEvent({
  type: 'org.connectcenter.intake.report.received.v1',
  version: 1,
  topic: Topics.ReportReceived,
  schema: reportReceivedSchema,
  key: (report) => report.senderKey,
  subject: (report) => report.reportId,
  description: 'A worker report accepted from any channel, durably, before the channel was answered.',
  example: {
    reportId: '3f1c2a9e-8d4b-4e2a-9c1f-0a6b7d5e4c3b',
    channel: 'whatsapp',
    providerMessageId: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgUM0VCMDRFQjU3QjA1',
    senderKey: 'snd_7a4c1e9b2d3f5a6c',
    text: 'प्रखंड कार्यालय में BDO नहीं मिले, शिकायत दर्ज करें',
    receivedAt: '2026-11-26T09:30:00.000+05:30',
    declaredUnitCode: 'JH-RAN-KNK',
  },
});
