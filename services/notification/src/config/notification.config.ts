import { z } from 'zod';
import { authConfigSchema } from '@cc/auth';
import { serviceConfigSchema, wholeNumber } from '@cc/config';
import { DEFAULT_RATE_LIMITS, type RateLimit } from '../reliability/rate-limiter';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const secret = (min: number) => z.string().min(min, `at least ${min} characters`).optional();

export const SMS_PROVIDERS = ['twilio', 'gupshup', 'none'] as const;
const RATE_LIMITED = ['meta-cloud-api', 'twilio', 'gupshup', 'app-backend'] as const;
type RateLimitedProvider = (typeof RATE_LIMITED)[number];

/** `provider=perSecond[/burst],…` over the defaults (Meta's 80/s per number; conservative SMS and app rates). */
const rateLimits = z
  .string()
  .default('')
  .transform((list, context) => {
    const limits: Record<RateLimitedProvider, RateLimit> = { ...DEFAULT_RATE_LIMITS };
    for (const entry of list.split(',').map((part) => part.trim()).filter(Boolean)) {
      const match = /^([a-z-]+)=(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(entry);
      const provider = match?.[1] as RateLimitedProvider | undefined;
      if (!match || !provider || !RATE_LIMITED.includes(provider) || !(Number(match[2]) > 0)) {
        context.addIssue({ code: 'custom', message: `"${entry}" is not <${RATE_LIMITED.join('|')}>=<per second>[/<burst>]` });
        return z.NEVER;
      }
      const perSecond = Number(match[2]);
      limits[provider] = { perSecond, burst: match[3] ? Math.max(1, Number(match[3])) : Math.max(1, Math.ceil(perSecond)) };
    }
    return limits;
  });

/**
 * Provider credentials are optional so that `npm start` runs with none: a channel without them is
 * left out of every plan (recorded as `DELIVERY.NO_SENDER`), and with no channel at all each
 * notification is recorded as not sent, with the reasons. Secrets come from a Secret in production
 * and are masked wherever the configuration is described.
 */
export const notificationConfigSchema = serviceConfigSchema('notification', 3004)
  .and(
    z.object({
      WHATSAPP_API_BASE_URL: httpUrl.default('https://graph.facebook.com'),
      WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'a Graph API version such as v23.0').default('v23.0'),
      /** The business number messages go out from (Cloud API phone-number id). */
      WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{5,32}$/, 'the numeric Cloud API phone-number id').optional(),
      WHATSAPP_ACCESS_TOKEN: secret(16),

      NOTIFICATION_SMS_PROVIDER: z.enum(SMS_PROVIDERS).default('none'),
      TWILIO_API_BASE_URL: httpUrl.default('https://api.twilio.com'),
      TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'AC and 32 hex digits').optional(),
      TWILIO_AUTH_TOKEN: secret(16),
      /** Send through a Messaging Service instead of the DLT header as sender id. */
      TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'MG and 32 hex digits').optional(),
      /** Where Twilio posts delivery reports (intake's endpoint); the notification id is added as a query parameter. */
      TWILIO_STATUS_CALLBACK_URL: httpUrl.optional(),
      GUPSHUP_API_BASE_URL: httpUrl.default('https://enterprise.smsgupshup.com'),
      GUPSHUP_USER_ID: z.string().min(1).max(64).optional(),
      GUPSHUP_PASSWORD: secret(1),

      /** The party app backend's push webhook; signed with APP_PUSH_SECRET. */
      APP_PUSH_URL: httpUrl.optional(),
      APP_PUSH_SECRET: secret(32),

      /**
       * Another template catalogue or DLT registry than the shipped ones (the party's DLT ids
       * replace the placeholders). Both are checked against each other at boot.
       */
      NOTIFICATION_TEMPLATES_FILE: z.string().min(1).optional(),
      NOTIFICATION_DLT_TEMPLATES_FILE: z.string().min(1).optional(),
      NOTIFICATION_RATE_LIMITS: rateLimits,
      NOTIFICATION_PROVIDER_TIMEOUT_MS: wholeNumber(500, 60000).default(10000),
      /** How long a worker owns a notification it is sending; after that another may resume it. */
      NOTIFICATION_LEASE_MS: wholeNumber(1000, 3600000).default(300000),
      /** How often unfinished notifications (a crashed worker's, a recipient not yet known) are looked for. */
      NOTIFICATION_SWEEP_INTERVAL_MS: wholeNumber(100, 3600000).default(30000),
      /** Give up on a recipient the directory still does not know after this long. */
      NOTIFICATION_RECIPIENT_WAIT_MS: wholeNumber(1000, 86400000).default(600000),
      /**
       * Events older than this give no notice (a new consumer group replaying the topics, a long
       * outage): an acknowledgement or a reminder days late confuses more than it helps. STOP and
       * START are still recorded. Default a day.
       */
      NOTIFICATION_MAX_EVENT_AGE_MS: wholeNumber(60000, 30 * 86400000).default(86400000),
      /** What case-resolved tells the reporter: grievance's reopen window, in days. */
      NOTIFICATION_REOPEN_DAYS: wholeNumber(1, 90).default(7),
    }),
  )
  .and(authConfigSchema)
  .superRefine((config, context) => {
    const pair = (a: keyof typeof config, b: keyof typeof config, what: string) => {
      if ((config[a] === undefined) !== (config[b] === undefined)) {
        context.addIssue({ code: 'custom', path: [config[a] === undefined ? a : b], message: `${what} needs both ${String(a)} and ${String(b)}` });
      }
    };
    pair('WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_ACCESS_TOKEN', 'WhatsApp');
    pair('APP_PUSH_URL', 'APP_PUSH_SECRET', 'app push');
    if (config.NOTIFICATION_SMS_PROVIDER === 'twilio') {
      for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const) {
        if (!config[name]) context.addIssue({ code: 'custom', path: [name], message: 'required with NOTIFICATION_SMS_PROVIDER=twilio' });
      }
    }
    if (config.NOTIFICATION_SMS_PROVIDER === 'gupshup') {
      for (const name of ['GUPSHUP_USER_ID', 'GUPSHUP_PASSWORD'] as const) {
        if (!config[name]) context.addIssue({ code: 'custom', path: [name], message: 'required with NOTIFICATION_SMS_PROVIDER=gupshup' });
      }
    }
  });

export type NotificationConfig = z.output<typeof notificationConfigSchema>;
