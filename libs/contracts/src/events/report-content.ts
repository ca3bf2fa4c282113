import { z } from 'zod';

/**
 * What a reporter may say about their own report when the channel lets them (the app, an
 * integrator): that it is a complaint, of which category, about whom. Channels without such a
 * choice (WhatsApp, SMS text) leave it out; grievance then recognises complaints by keywords.
 */
export const ComplaintCategories = [
  'office-bearer-conduct',
  'bdo-conduct',
  'co-conduct',
  'government-service',
  'organisational',
  'other',
] as const;
export type ComplaintCategory = (typeof ComplaintCategories)[number];

export const declaredComplaintSchema = z.strictObject({
  category: z.enum(ComplaintCategories),
  /** Whom or what it is about, as the reporter put it: a post, a person, an office. */
  subject: z.string().min(1).max(256).optional(),
});

export const mediaReferenceSchema = z.strictObject({
  type: z.enum(['image', 'audio', 'video', 'document']),
  /** WhatsApp media id, to fetch through the Graph API. */
  providerMediaId: z.string().max(256).optional(),
  /** Provider URL (Twilio) or the app's attachment reference. */
  url: z.string().max(2048).optional(),
  mimeType: z.string().max(128).optional(),
  sha256: z.string().max(128).optional(),
  caption: z.string().max(1024).optional(),
  filename: z.string().max(256).optional(),
});

export const locationSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(256).optional(),
  address: z.string().max(512).optional(),
});

/**
 * An org unit code as membership issues them: `JH`, `JH-RAN`, `JH-RAN-ANGARA`, or an imported
 * panchayat's own code (an LGD number, say). Nothing may read structure from a code.
 */
export const unitCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9._-]{1,31}$/, 'an org unit code: 2-32 capital letters, digits, ".", "_" or "-", e.g. JH-RAN-ANGARA');

export type MediaReference = z.infer<typeof mediaReferenceSchema>;
export type ReportLocation = z.infer<typeof locationSchema>;
export type DeclaredComplaint = z.infer<typeof declaredComplaintSchema>;
