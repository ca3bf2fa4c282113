import { z } from 'zod';
import { parseApiKeys } from '@cc/auth';
import { serviceConfigSchema, wholeNumber } from '@cc/config';

const optionalSecret = z.string().min(16, 'at least 16 characters').optional();

/** A PEM in an env var often arrives with its newlines escaped (`\n`), as Secrets and .env files write it. */
const pem = z
  .string()
  .transform((value) => value.replace(/\\n/g, '\n'))
  .refine((value) => /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.test(value), 'a PEM public key (-----BEGIN PUBLIC KEY-----)')
  .optional();

/** Store operations the report writer keeps in flight to mark published events: two marks, each one update or four point updates. */
const INTAKE_MARKS_IN_FLIGHT = 8;
/** The outbox sweep's reads and relays, and duplicate lookups, beside the writer's batches and marks. */
const INTAKE_OTHER_STORE_OPERATIONS = 8;

/**
 * Channel credentials are optional so that `npm start` runs with no secrets: a channel without its
 * credentials answers 503 INTAKE.CHANNEL_NOT_CONFIGURED and says so at boot. Production values come
 * from a Secret.
 */
export const intakeConfigSchema = serviceConfigSchema('intake', 3001)
  .and(
    z.object({
      WHATSAPP_APP_SECRET: optionalSecret,
      WHATSAPP_VERIFY_TOKEN: optionalSecret,
      TWILIO_AUTH_TOKEN: optionalSecret,
      /** The public URL configured at Twilio: the signature covers it, and behind an ingress it differs from ours. */
      TWILIO_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
      /**
       * The public URL of the status-callback endpoint, without a query string: notification's
       * `StatusCallback` is this URL plus `?notificationId=…`, and Twilio signs the URL it called.
       */
      TWILIO_STATUS_CALLBACK_URL: z.url({ protocol: /^https?$/ }).optional(),
      GUPSHUP_TOKEN: optionalSecret,
      GUPSHUP_ALLOWED_ADDRESSES: z
        .string()
        .default('')
        .transform((list) => list.split(',').map((address) => address.trim()).filter(Boolean)),
      /** `integrator:key,integrator:key`: API keys of the app backend and other integrators (32+ characters each). */
      APP_API_KEYS: z
        .string()
        .default('')
        .transform((list, context) => {
          const parsed = parseApiKeys(list);
          if (parsed.ok) return parsed.keys;
          context.addIssue({ code: 'custom', message: parsed.reason });
          return z.NEVER;
        }),
      /** Verifies integrators' JWTs: an HMAC secret shared with the issuer, or the issuer's public key. */
      APP_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
      APP_JWT_PUBLIC_KEY: pem,
      APP_JWT_ISSUER: z.string().min(1).optional(),
      APP_JWT_AUDIENCE: z.string().min(1).default('connect-center-intake'),
      INTAKE_PUBLISH_TIMEOUT_MS: wholeNumber(100, 60000).default(5000),
      /**
       * Per sender (phone, WhatsApp id or app user): reports at once, then per minute. A worker
       * sharing a dozen photos of a broken road sends them in one go; a flood sends hundreds.
       */
      INTAKE_SENDER_BURST: wholeNumber(1, 10000).default(30),
      INTAKE_SENDER_PER_MINUTE: wholeNumber(1, 100000).default(20),
      /**
       * Group commit of reports (see ReportWriter): reports per store write at most, and writes in
       * flight at once. A lone report is written at once; under load the reports that arrive while
       * the writes are busy go together in the next one.
       */
      INTAKE_WRITE_BATCH_MAX: wholeNumber(1, 1000).default(250),
      INTAKE_WRITE_BATCHES_IN_FLIGHT: wholeNumber(1, 8).default(2),
    }),
  )
  .superRefine((config, context) => {
    if (config.INTAKE_WRITE_BATCHES_IN_FLIGHT + INTAKE_MARKS_IN_FLIGHT + INTAKE_OTHER_STORE_OPERATIONS > config.MONGODB_MAX_POOL_SIZE) {
      context.addIssue({
        code: 'custom',
        path: ['INTAKE_WRITE_BATCHES_IN_FLIGHT'],
        message:
          `with the outbox marks (${INTAKE_MARKS_IN_FLIGHT}) and room for the sweep and lookups (${INTAKE_OTHER_STORE_OPERATIONS}) it must stay within ` +
          `MONGODB_MAX_POOL_SIZE (${config.MONGODB_MAX_POOL_SIZE}): operations beyond the pool queue, and the local FerretDB can deadlock`,
      });
    }
    const keyed = config.APP_JWT_SECRET !== undefined || config.APP_JWT_PUBLIC_KEY !== undefined;
    if (config.APP_JWT_SECRET && config.APP_JWT_PUBLIC_KEY) {
      context.addIssue({ code: 'custom', path: ['APP_JWT_SECRET'], message: 'set APP_JWT_SECRET or APP_JWT_PUBLIC_KEY, not both' });
    }
    if (keyed && !config.APP_JWT_ISSUER) {
      context.addIssue({ code: 'custom', path: ['APP_JWT_ISSUER'], message: 'required with APP_JWT_SECRET or APP_JWT_PUBLIC_KEY: the issuer whose tokens to accept' });
    }
  });

export type IntakeConfig = z.output<typeof intakeConfigSchema>;
