import { readFileSync } from 'node:fs';
import type { Senders } from '../delivery/dispatcher';
import { AppPushClient } from '../app-push/app-push-client';
import type { NotificationConfig } from '../config/notification.config';
import type { Provider } from '../providers/send-outcome';
import { TokenBucketLimiter } from '../reliability/rate-limiter';
import { GupshupClient } from '../sms/gupshup/gupshup-client';
import { gupshupSmsSender, twilioSmsSender } from '../sms/sms-sender';
import { TwilioClient } from '../sms/twilio/twilio-client';
import { loadBundledTemplates, type NotificationTemplates } from '../templates/bundled-templates';
import dltTemplates from '../templates/catalogue/dlt-templates.json';
import templates from '../templates/catalogue/templates.json';
import { WhatsAppCloudClient } from '../whatsapp/cloud-api-client';

/** The senders of the channels whose credentials are configured; the others are left out of every plan. */
export function sendersFrom(config: NotificationConfig): Senders {
  const timeoutMs = config.NOTIFICATION_PROVIDER_TIMEOUT_MS;
  const senders: Senders = {};
  if (config.WHATSAPP_PHONE_NUMBER_ID && config.WHATSAPP_ACCESS_TOKEN) {
    senders.whatsapp = {
      phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
      client: new WhatsAppCloudClient({ baseUrl: config.WHATSAPP_API_BASE_URL, apiVersion: config.WHATSAPP_API_VERSION, accessToken: config.WHATSAPP_ACCESS_TOKEN, timeoutMs }),
    };
  }
  if (config.NOTIFICATION_SMS_PROVIDER === 'twilio' && config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) {
    const client = new TwilioClient({
      baseUrl: config.TWILIO_API_BASE_URL,
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      ...(config.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID } : {}),
      ...(config.TWILIO_STATUS_CALLBACK_URL ? { statusCallbackUrl: config.TWILIO_STATUS_CALLBACK_URL } : {}),
      timeoutMs,
    });
    senders.sms = twilioSmsSender(client, config.TWILIO_ACCOUNT_SID);
  }
  if (config.NOTIFICATION_SMS_PROVIDER === 'gupshup' && config.GUPSHUP_USER_ID && config.GUPSHUP_PASSWORD) {
    senders.sms = gupshupSmsSender(new GupshupClient({ baseUrl: config.GUPSHUP_API_BASE_URL, userId: config.GUPSHUP_USER_ID, password: config.GUPSHUP_PASSWORD, timeoutMs }), config.GUPSHUP_USER_ID);
  }
  if (config.APP_PUSH_URL && config.APP_PUSH_SECRET) {
    senders.app = { client: new AppPushClient({ url: config.APP_PUSH_URL, secret: config.APP_PUSH_SECRET, timeoutMs }) };
  }
  return senders;
}

export function limitersFrom(config: NotificationConfig): Record<Provider, TokenBucketLimiter> {
  const limits = config.NOTIFICATION_RATE_LIMITS;
  return {
    'meta-cloud-api': new TokenBucketLimiter(limits['meta-cloud-api']),
    twilio: new TokenBucketLimiter(limits.twilio),
    gupshup: new TokenBucketLimiter(limits.gupshup),
    'app-backend': new TokenBucketLimiter(limits['app-backend']),
  };
}

/**
 * The shipped catalogue and DLT registry, or the files configured instead, checked against each
 * other: an SMS text that drifted from its DLT registration stops the service at boot, before
 * anything is sent, rather than failing every SMS of that kind later.
 */
export function templatesFrom(config: Pick<NotificationConfig, 'NOTIFICATION_TEMPLATES_FILE' | 'NOTIFICATION_DLT_TEMPLATES_FILE'>): NotificationTemplates {
  const read = (file: string | undefined, fallback: unknown, name: string): unknown => {
    if (!file) return fallback;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw new TemplateConfigError(`${name}: cannot read ${file} as JSON (${(error as Error).message})`);
    }
  };
  const loaded = loadBundledTemplates(
    read(config.NOTIFICATION_TEMPLATES_FILE, templates, 'NOTIFICATION_TEMPLATES_FILE'),
    read(config.NOTIFICATION_DLT_TEMPLATES_FILE, dltTemplates, 'NOTIFICATION_DLT_TEMPLATES_FILE'),
  );
  if (!loaded.ok) throw new TemplateConfigError(`${loaded.code}: ${loaded.reason}`);
  return loaded.templates;
}

export class TemplateConfigError extends Error {
  override readonly name = 'TemplateConfigError';
}

/** For `main.ts`: a catalogue or DLT registry that does not hold together stops the process (78), naming each problem. */
export function loadTemplatesOrExit(config: Parameters<typeof templatesFrom>[0]): NotificationTemplates {
  try {
    return templatesFrom(config);
  } catch (error) {
    if (!(error instanceof TemplateConfigError)) throw error;
    process.stderr.write(`Invalid templates: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
