import { createHash } from 'node:crypto';
import { z } from 'zod';
import { declaredComplaintSchema, locationSchema, mediaReferenceSchema, unitCodeSchema } from '@cc/contracts';
import { type ChannelMessage, type ChannelRejection, kindOf, rejection } from '../channel-message';

/** An attachment the app has already stored: intake carries the reference, never the bytes. */
export const appAttachmentSchema = mediaReferenceSchema
  .pick({ type: true, mimeType: true, sha256: true, caption: true, filename: true })
  .extend({ url: z.url({ protocol: /^https$/, error: 'an https URL' }).max(2048) });

/** `POST /v1/reports`: what the party app's backend sends for one report. */
export const appReportRequestSchema = z
  .strictObject({
    reporter: z.strictObject({
      /** The app's own id of the worker; membership links it to the member. */
      appUserId: z.string().min(1).max(128),
      name: z.string().min(1).max(256).optional(),
    }),
    /** As the worker wrote it, in any script; may be empty when attachments or a location say it all. */
    text: z.string().max(4096).default(''),
    /** When the worker pressed send, by the phone's clock (it may have been offline). */
    sentAt: z.iso.datetime({ offset: true }).optional(),
    attachments: z.array(appAttachmentSchema).max(10).default([]),
    location: locationSchema.optional(),
    declaredUnitCode: unitCodeSchema.optional(),
    complaint: declaredComplaintSchema.optional(),
  })
  .refine((report) => report.text !== '' || report.attachments.length > 0 || report.location !== undefined, {
    message: 'a report needs text, an attachment or a location',
    path: ['text'],
  });

export type AppReportRequest = z.output<typeof appReportRequestSchema>;

export const appReportResponseSchema = z.strictObject({
  reportId: z.uuid(),
  receivedAt: z.iso.datetime({ offset: true }),
  /** True when this Idempotency-Key was seen before: the first report stands. */
  duplicate: z.boolean(),
});

/** Printable ASCII, as the IETF Idempotency-Key draft and Stripe's use of it expect. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

export type AppReportParse = { ok: true; message: ChannelMessage; fingerprint: string } | ChannelRejection;

/**
 * The channel message for an app report. The provider message id is `<integrator>:<key>`, so two
 * integrators cannot collide and the same integrator's retry — over HTTP or the Kafka ingress — is
 * the same report. The fingerprint tells a retry from a different report under a reused key.
 */
export function parseAppReport(integrator: string, idempotencyKey: string | undefined, body: unknown): AppReportParse {
  if (idempotencyKey === undefined || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return rejection('CHANNEL.MISSING_FIELD', 'Idempotency-Key header: 8-128 printable ASCII characters, the same for every retry of one report');
  }
  const parsed = appReportRequestSchema.safeParse(body);
  if (!parsed.success) return rejection('CHANNEL.MALFORMED_PAYLOAD', describeIssues(parsed.error));
  const report = parsed.data;
  const media = report.attachments.map((attachment) => ({ ...attachment }));
  const message: ChannelMessage = {
    channel: 'app',
    provider: 'app',
    providerMessageId: `${integrator}:${idempotencyKey}`,
    sender: { kind: 'app-user', id: report.reporter.appUserId },
    ...(report.reporter.name ? { senderName: report.reporter.name } : {}),
    ...(report.sentAt ? { providerTimestamp: new Date(report.sentAt).toISOString() } : {}),
    kind: kindOf({ text: report.text, media, location: report.location }),
    text: report.text,
    media,
    ...(report.location ? { location: report.location } : {}),
    ...(report.declaredUnitCode ? { declaredUnitCode: report.declaredUnitCode } : {}),
    ...(report.complaint ? { declaredComplaint: report.complaint } : {}),
  };
  return { ok: true, message, fingerprint: fingerprintOf(report) };
}

/** `path: problem; path: problem` — what a client needs to fix the request, never the values. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/** A hash of the validated request: key order and defaults do not make a retry look different. */
function fingerprintOf(report: AppReportRequest): string {
  return createHash('sha256').update(canonicalJson(report)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
