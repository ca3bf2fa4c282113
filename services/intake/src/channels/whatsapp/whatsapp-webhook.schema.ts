import { z } from 'zod';

/**
 * The WhatsApp Cloud API webhook, as far as intake depends on it. Objects are loose because Meta
 * adds fields without notice; the fields we read are typed strictly. Each message and status is
 * validated on its own, so one malformed item is ignored with a reason instead of failing the
 * whole POST (which Meta would then retry for days).
 *
 * BSUID (business-scoped user id) assumption: Meta puts it in `user_id` on contacts and statuses
 * (`recipient_user_id`), and on a message as `from_user_id`; `user_id` on the message is accepted
 * as well. `from` / `wa_id` / `recipient_id` are absent for a user whose phone number is withheld.
 */
export const WHATSAPP_OBJECT = 'whatsapp_business_account';

const unixSeconds = z.string().regex(/^\d{1,12}$/, 'expected unix seconds');

export const whatsAppEnvelopeSchema = z.looseObject({
  object: z.literal(WHATSAPP_OBJECT),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export const whatsAppMessagesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string().optional() }).optional(),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const whatsAppContactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

export const whatsAppErrorSchema = z.looseObject({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

export const whatsAppMessageSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  timestamp: unixSeconds.optional(),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  user_id: z.string().optional(),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  errors: z.array(whatsAppErrorSchema).optional(),
});

export const whatsAppTextSchema = z.looseObject({ body: z.string() });

export const whatsAppLocationSchema = z.looseObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().optional(),
  address: z.string().optional(),
});

export const whatsAppMediaSchema = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

export const whatsAppInteractiveSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('button_reply'),
    button_reply: z.looseObject({ id: z.string(), title: z.string() }),
  }),
  z.looseObject({
    type: z.literal('list_reply'),
    list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }),
  }),
]);

/** A template quick-reply button tap (`type: "button"`). */
export const whatsAppButtonSchema = z.looseObject({ payload: z.string().optional(), text: z.string() });

export const whatsAppStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z.array(whatsAppErrorSchema).optional(),
});

export type WhatsAppEnvelope = z.infer<typeof whatsAppEnvelopeSchema>;
export type WhatsAppMessagesValue = z.infer<typeof whatsAppMessagesValueSchema>;
export type WhatsAppContact = z.infer<typeof whatsAppContactSchema>;
export type WhatsAppMessage = z.infer<typeof whatsAppMessageSchema>;
export type WhatsAppStatus = z.infer<typeof whatsAppStatusSchema>;
export type WhatsAppError = z.infer<typeof whatsAppErrorSchema>;
