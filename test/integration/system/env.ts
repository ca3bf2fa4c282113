import { bundledTemplates } from '../../../services/notification/src/templates/fixtures';
import { FakeAppBackend, FakeGupshup, FakeWhatsAppCloudApi } from '../../../services/notification/src/fakes';

/**
 * The secrets and channel numbers of one end-to-end run. Built here, not taken from
 * deploy/local/local-env.mjs: the suite must not change when the local development profile does.
 */
export const SECRETS = {
  jwtSecret: 'e2e-auth-jwt-secret-0123456789abcdefghij',
  jwtIssuer: 'https://id.e2e.party.example',
  senderKeySecret: 'e2e-sender-key-secret-0123456789abcdefghij',
  feedSecret: 'e2e-reporting-feed-secret-0123456789abcdef',
  whatsAppAppSecret: 'e2e-whatsapp-app-secret-0123456789',
  whatsAppVerifyToken: 'e2e-whatsapp-verify-token-0123456789',
  twilioAuthToken: 'e2e-twilio-auth-token-0123456789',
  gupshupToken: 'e2e-gupshup-token-0123456789abcdef',
  appIntegrator: 'party-app',
  appApiKey: 'e2e-party-app-api-key-0123456789abcdef0123',
  waAccessToken: 'EAAG-e2e-whatsapp-access-token',
  gupshupUser: '2000177777',
  gupshupPassword: 'e2e-gupshup-password',
  pushSecret: 'e2e-app-push-secret-of-at-least-32-characters',
} as const;

/** The party's channel numbers: membership places unknown senders who write to them in Jharkhand. */
export const CHANNEL = {
  waPhoneNumberId: '100000000000071',
  waDisplayNumber: '916512000071',
  twilioNumber: '+16592170071',
  gupshupLongCode: '916512000073',
} as const;

export const SERVICES = ['intake', 'membership', 'grievance', 'notification', 'reporting'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The four provider fakes notification sends to (Twilio is not the SMS provider here). */
export class ProviderFakes {
  private readonly templates = bundledTemplates();
  readonly whatsapp = new FakeWhatsAppCloudApi({
    accessToken: SECRETS.waAccessToken,
    phoneNumberIds: [CHANNEL.waPhoneNumberId],
    templates: this.templates.catalogue.whatsappTemplates(),
  });
  readonly gupshup = new FakeGupshup({ userId: SECRETS.gupshupUser, password: SECRETS.gupshupPassword, dlt: this.templates.dlt });
  readonly appUsersWithDevices = new Set<string>();
  readonly app = new FakeAppBackend({ secret: SECRETS.pushSecret, usersWithDevices: this.appUsersWithDevices });

  async start(): Promise<void> {
    await Promise.all([this.whatsapp.start(), this.gupshup.start(), this.app.start()]);
  }

  async close(): Promise<void> {
    await Promise.all([this.whatsapp.close(), this.gupshup.close(), this.app.close()]);
  }
}

export interface RunSettings {
  run: string;
  ports: Record<ServiceName, number>;
  fakes: ProviderFakes;
}

/** Each service's environment for this run: its own database, the shared secrets, fast recovery. */
export function serviceEnvironments({ run, ports, fakes }: RunSettings): Record<ServiceName, Record<string, string>> {
  const intakeUrl = `http://127.0.0.1:${ports.intake}`;
  const common = (service: ServiceName) => ({
    PORT: String(ports[service]),
    MONGODB_DB: `e2e_${run}_${service}`,
    KAFKA_GROUP_ID: `e2e-${run}-${service}`,
    LOG_LEVEL: 'info',
    SENDER_KEY_SECRET: SECRETS.senderKeySecret,
    AUTH_JWT_SECRET: SECRETS.jwtSecret,
    AUTH_JWT_ISSUER: SECRETS.jwtIssuer,
    // A SIGKILLed member holds its partitions until its session times out: the broker's minimum.
    KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
    KAFKA_CONSUMER_RETRY_MAX_MS: '2000',
    OUTBOX_SWEEP_INTERVAL_MS: '1000',
  });
  return {
    intake: {
      ...common('intake'),
      WHATSAPP_APP_SECRET: SECRETS.whatsAppAppSecret,
      WHATSAPP_VERIFY_TOKEN: SECRETS.whatsAppVerifyToken,
      TWILIO_AUTH_TOKEN: SECRETS.twilioAuthToken,
      TWILIO_WEBHOOK_URL: `${intakeUrl}/webhooks/sms/twilio`,
      GUPSHUP_TOKEN: SECRETS.gupshupToken,
      APP_API_KEYS: `${SECRETS.appIntegrator}:${SECRETS.appApiKey}`,
      INTAKE_PUBLISH_TIMEOUT_MS: '3000',
      // The generator's few senders send hundreds of messages; the rate limit has its own test.
      INTAKE_SENDER_BURST: '10000',
      INTAKE_SENDER_PER_MINUTE: '100000',
    },
    membership: {
      ...common('membership'),
      MEMBERSHIP_CHANNEL_STATES: [CHANNEL.waPhoneNumberId, CHANNEL.waDisplayNumber, CHANNEL.twilioNumber, CHANNEL.gupshupLongCode].map((endpoint) => `${endpoint}=JH`).join(','),
    },
    grievance: {
      ...common('grievance'),
      GRIEVANCE_READ_MODEL_REFRESH_MS: '1000',
    },
    notification: {
      ...common('notification'),
      WHATSAPP_API_BASE_URL: fakes.whatsapp.url,
      WHATSAPP_PHONE_NUMBER_ID: CHANNEL.waPhoneNumberId,
      WHATSAPP_ACCESS_TOKEN: SECRETS.waAccessToken,
      NOTIFICATION_SMS_PROVIDER: 'gupshup',
      GUPSHUP_API_BASE_URL: fakes.gupshup.url,
      GUPSHUP_USER_ID: SECRETS.gupshupUser,
      GUPSHUP_PASSWORD: SECRETS.gupshupPassword,
      APP_PUSH_URL: fakes.app.pushUrl,
      APP_PUSH_SECRET: SECRETS.pushSecret,
      // A killed worker's claims are resumed within the run, not after the 5-minute default.
      NOTIFICATION_LEASE_MS: '10000',
      NOTIFICATION_SWEEP_INTERVAL_MS: '1000',
    },
    reporting: {
      ...common('reporting'),
      REPORTING_FEED_SECRET: SECRETS.feedSecret,
    },
  };
}
