import { z } from 'zod';
import { serviceConfigSchema } from '@cc/config';

const optionalSecret = z.string().min(16, 'at least 16 characters').optional();

/**
 * Channel credentials are optional so that `npm start` runs with no secrets: a channel without its
 * credentials answers 503 INTAKE.CHANNEL_NOT_CONFIGURED and says so at boot. Production values come
 * from a Secret.
 */
export const intakeConfigSchema = serviceConfigSchema('intake', 3001).and(
  z.object({
    WHATSAPP_APP_SECRET: optionalSecret,
    WHATSAPP_VERIFY_TOKEN: optionalSecret,
    TWILIO_AUTH_TOKEN: optionalSecret,
    /** The public URL configured at Twilio: the signature covers it, and behind an ingress it differs from ours. */
    TWILIO_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    GUPSHUP_TOKEN: optionalSecret,
    GUPSHUP_ALLOWED_ADDRESSES: z
      .string()
      .default('')
      .transform((list) => list.split(',').map((address) => address.trim()).filter(Boolean)),
    INTAKE_PUBLISH_TIMEOUT_MS: z.coerce.number({ error: 'must be a whole number' }).int().min(100).max(60000).default(5000),
  }),
);

export type IntakeConfig = z.output<typeof intakeConfigSchema>;
