import { ConfigError, describeConfig, loadConfig } from '@cc/config';
import { notificationConfigSchema } from './notification.config';

const base = { KAFKA_BROKERS: '127.0.0.1:29092', MONGODB_URI: 'mongodb://127.0.0.1:27117' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(notificationConfigSchema, { ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('notification configuration', () => {
  it('boots with no provider at all (npm start)', () => {
    const sut = loadConfig(notificationConfigSchema, base);
    expect(sut).toMatchObject({ NOTIFICATION_SMS_PROVIDER: 'none', NOTIFICATION_REOPEN_DAYS: 7, NOTIFICATION_RATE_LIMITS: { 'meta-cloud-api': { perSecond: 80, burst: 80 } } });
    expect(sut.WHATSAPP_ACCESS_TOKEN).toBeUndefined();
  });

  it('needs both halves of a channel, and the chosen SMS gateway its credentials, without echoing secrets', () => {
    expect(problems({ WHATSAPP_ACCESS_TOKEN: 'token-of-sixteen-chars' })).toEqual([expect.stringMatching(/^WHATSAPP_PHONE_NUMBER_ID: WhatsApp needs both/)]);
    expect(problems({ NOTIFICATION_SMS_PROVIDER: 'gupshup', GUPSHUP_USER_ID: '2000123456' })).toEqual(['GUPSHUP_PASSWORD: required with NOTIFICATION_SMS_PROVIDER=gupshup (not set)']);
    expect(problems({ APP_PUSH_URL: 'http://127.0.0.1:1/push', APP_PUSH_SECRET: 'short' })).toEqual(['APP_PUSH_SECRET: at least 32 characters (value hidden)']);
  });

  it('reads rate limits per provider and refuses unknown ones', () => {
    const sut = loadConfig(notificationConfigSchema, { ...base, NOTIFICATION_RATE_LIMITS: 'twilio=2/5, meta-cloud-api=40' });
    expect(sut.NOTIFICATION_RATE_LIMITS).toMatchObject({ twilio: { perSecond: 2, burst: 5 }, 'meta-cloud-api': { perSecond: 40, burst: 40 }, gupshup: { perSecond: 20 } });
    expect(problems({ NOTIFICATION_RATE_LIMITS: 'pigeon=1' })).toEqual([expect.stringMatching(/^NOTIFICATION_RATE_LIMITS: "pigeon=1" is not/)]);
  });

  it('masks provider secrets when the configuration is described', () => {
    const sut = loadConfig(notificationConfigSchema, {
      ...base,
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_ACCESS_TOKEN: 'EAAG-secret-token-value',
      NOTIFICATION_SMS_PROVIDER: 'gupshup',
      GUPSHUP_USER_ID: '2000123456',
      GUPSHUP_PASSWORD: 'gupshup-password',
      APP_PUSH_URL: 'http://127.0.0.1:1/push',
      APP_PUSH_SECRET: 'p'.repeat(32),
    });
    const described = JSON.stringify(describeConfig(sut));
    for (const secret of ['EAAG-secret-token-value', 'gupshup-password', 'p'.repeat(32)]) expect(described).not.toContain(secret);
  });
});
