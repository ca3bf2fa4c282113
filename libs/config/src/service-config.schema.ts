import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

/**
 * A whole number from `min` to `max`, each bound named in its own message: "must be a whole
 * number" for 100000 when the limit is 10000 sends an operator looking for the wrong mistake.
 */
export const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const brokerList = z
  .string()
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[\w.-]+:\d{1,5}$/, 'each broker must be host:port'))
      .min(1, 'at least one broker (host:port) is required'),
  );

/**
 * Settings every service reads. Defaults are the local development stand-ins
 * (`npm run infra:up`); production values come from the Helm chart.
 */
export function serviceConfigSchema(service: string, defaultPort: number) {
  return z
    .object({
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      PORT: wholeNumber(1, 65535).default(defaultPort),
      /** Behind an ingress: take the client address from X-Forwarded-For. Off when exposed directly, or it can be spoofed. */
      HTTP_TRUST_PROXY: bool.default(false),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      KAFKA_BROKERS: brokerList.default(['127.0.0.1:29092']),
      KAFKA_CLIENT_ID: z.string().min(1).default(`connect-center-${service}`),
      KAFKA_GROUP_ID: z.string().min(1).default(`connect-center-${service}`),
      KAFKA_SSL: bool.default(false),
      KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
      KAFKA_SASL_USERNAME: z.string().min(1).optional(),
      KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
      KAFKA_PRODUCER_LINGER_MS: wholeNumber(0, 1000).default(5),
      KAFKA_CONSUMER_SESSION_TIMEOUT_MS: wholeNumber(6000, 300000).default(30000),
      KAFKA_CONSUMER_MAX_ATTEMPTS: wholeNumber(1, 100).default(5),
      KAFKA_CONSUMER_RETRY_MAX_MS: wholeNumber(100, 600000).default(30000),
      KAFKA_TOPIC_REPLICATION_FACTOR: wholeNumber(1, 7).default(1),
      OUTBOX_SWEEP_INTERVAL_MS: wholeNumber(100, 600000).default(5000),
      MONGODB_URI: z
        .string()
        .regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// or mongodb+srv:// URI')
        .default('mongodb://127.0.0.1:27117'),
      MONGODB_DB: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only, at most 63')
        .default(`connect_center_${service}`),
      /**
       * Store operations one process has in flight at most (the driver queues the rest). Bounded
       * so that the replicas of a deployment cannot outnumber what the store serves at once: the
       * local FerretDB deadlocks when operations outnumber its PostgreSQL pool.
       */
      MONGODB_MAX_POOL_SIZE: wholeNumber(1, 500).default(20),
      SHUTDOWN_TIMEOUT_MS: wholeNumber(1000, 120000).default(10000),
      /**
       * Keys the sender pseudonym (`senderKey`, an HMAC of the phone or account id). Every service
       * of a deployment shares it; without it a pseudonym could be reversed by hashing every
       * mobile number. Required in production; development and tests use a fixed stand-in.
       */
      SENDER_KEY_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    })
    .superRefine((config, ctx) => {
      if (config.NODE_ENV === 'production' && !config.SENDER_KEY_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['SENDER_KEY_SECRET'], message: 'required in production: it keeps sender pseudonyms from being reversed to phone numbers' });
      }
      if (config.KAFKA_SASL_MECHANISM && (!config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD)) {
        ctx.addIssue({
          code: 'custom',
          path: ['KAFKA_SASL_PASSWORD'],
          message: 'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set',
        });
      }
    })
    .transform((config) => ({ ...config, SERVICE_NAME: service }));
}

export type ServiceConfig = z.output<ReturnType<typeof serviceConfigSchema>>;

/** Never logged or echoed: values are replaced by a mask in {@link describeConfig}. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'KAFKA_SASL_PASSWORD',
  'MONGODB_URI',
  'WHATSAPP_APP_SECRET',
  'WHATSAPP_VERIFY_TOKEN',
  'TWILIO_AUTH_TOKEN',
  'GUPSHUP_TOKEN',
  'APP_API_KEYS',
  'APP_JWT_SECRET',
  'AUTH_JWT_SECRET',
  'SENDER_KEY_SECRET',
  'REPORTING_FEED_SECRET',
  'WHATSAPP_ACCESS_TOKEN',
  'GUPSHUP_PASSWORD',
  'APP_PUSH_SECRET',
]);
