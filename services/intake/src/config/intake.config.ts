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
    INTAKE_PUBLISH_TIMEOUT_MS: z.coerce.number({ error: 'must be a whole number' }).int().min(100).max(60000).default(5000),
  }),
);

export type IntakeConfig = z.output<typeof intakeConfigSchema>;
