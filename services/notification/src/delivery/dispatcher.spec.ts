import { AppPushClient } from '../app-push/app-push-client';
import { FakeAppBackend } from '../fakes/fake-app-backend';
import { FakeGupshup } from '../fakes/fake-gupshup';
import { FakeTwilio } from '../fakes/fake-twilio';
import { FakeWhatsAppCloudApi } from '../fakes/fake-whatsapp-cloud-api';
import { TokenBucketLimiter } from '../reliability/rate-limiter';
import { GupshupClient } from '../sms/gupshup/gupshup-client';
import { gupshupSmsSender, twilioSmsSender } from '../sms/sms-sender';
import { TwilioClient } from '../sms/twilio/twilio-client';
import { bundledTemplates, REFERENCE } from '../templates/fixtures';
import { WhatsAppCloudClient } from '../whatsapp/cloud-api-client';
import { dispatchNotification, type DispatchDependencies, type DispatchRequest, type Senders } from './dispatcher';
import type { Recipient } from './recipient';

const templates = bundledTemplates();
const PHONE_NUMBER_ID = '106540352242922';
const TOKEN = 'EAAG-test';
const SECRET = 'p'.repeat(40);
const ACCOUNT_SID = `AC${'ab'.repeat(16)}`;

const recipient = (overrides: Partial<Recipient> = {}): Recipient => ({
  key: 'mbr_4f7d2c9a1b3e5d6f',
  language: 'hi',
  whatsapp: { phone: '+919876543210' },
  phone: '+919876543210',
  optedOut: new Set(),
  lastWhatsAppInboundAt: new Date(Date.now() - 3_600_000),
  ...overrides,
});

const request = (overrides: Partial<DispatchRequest> = {}): DispatchRequest => ({
  notificationId: 'ntf_0123456789abcdef0123456789abcdef',
  templateKey: 'report-acknowledged',
  values: { reference: REFERENCE },
  recipient: recipient(),
  ...overrides,
});

describe(dispatchNotification.name, () => {
  let whatsapp: FakeWhatsAppCloudApi;
  let gupshup: FakeGupshup;
  let twilio: FakeTwilio;
  let app: FakeAppBackend;
  let sleeps: number[];

  beforeAll(async () => {
    whatsapp = await new FakeWhatsAppCloudApi({ accessToken: TOKEN, phoneNumberIds: [PHONE_NUMBER_ID], templates: templates.catalogue.whatsappTemplates() }).start();
    gupshup = await new FakeGupshup({ userId: '2000123456', password: 'pw', dlt: templates.dlt }).start();
    twilio = await new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: 'tok', senders: ['CONNCT'], unsubscribed: new Set(['+917004123456']) }).start();
    app = await new FakeAppBackend({ secret: SECRET, usersWithDevices: new Set(['app-user-1']) }).start();
  });
  beforeEach(() => {
    for (const fake of [whatsapp, gupshup, twilio, app]) fake.reset();
    whatsapp.accepted.length = 0;
    gupshup.accepted.length = 0;
    app.pushes.length = 0;
    sleeps = [];
  });
  afterAll(() => Promise.all([whatsapp.close(), gupshup.close(), twilio.close(), app.close()]));

  const senders = (overrides: Partial<Senders> = {}): Senders => ({
    whatsapp: { phoneNumberId: PHONE_NUMBER_ID, client: new WhatsAppCloudClient({ baseUrl: whatsapp.url, apiVersion: 'v23.0', accessToken: TOKEN, timeoutMs: 1000 }) },
    sms: gupshupSmsSender(new GupshupClient({ baseUrl: gupshup.url, userId: '2000123456', password: 'pw' })),
    app: { client: new AppPushClient({ url: app.pushUrl, secret: SECRET, timeoutMs: 1000 }) },
    ...overrides,
  });

  const deps = (overrides: Partial<DispatchDependencies> = {}): DispatchDependencies => ({
    templates,
    senders: senders(),
    now: () => new Date(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });

  it('answers in free text inside the window, in Hindi', async () => {
    const result = await dispatchNotification(request(), deps());

    expect(result).toMatchObject({ status: 'accepted', channel: 'whatsapp', provider: 'meta-cloud-api', providerMessageId: whatsapp.accepted[0]?.wamid });
    expect(whatsapp.accepted[0]?.body).toMatchObject({ type: 'text', biz_opaque_callback_data: request().notificationId, text: { body: expect.stringContaining('संदर्भ संख्या: CC-2026-000123') } });
  });

  it('sends the template outside the window', async () => {
    const result = await dispatchNotification(request({ recipient: recipient({ lastWhatsAppInboundAt: undefined }) }), deps());

    expect(result).toMatchObject({ status: 'accepted', channel: 'whatsapp' });
    expect(whatsapp.accepted[0]?.body).toMatchObject({ type: 'template', template: { name: 'cc_report_acknowledged', language: { code: 'hi' } } });
  });

  it('falls back from an undeliverable WhatsApp message to a DLT-checked SMS', async () => {
    whatsapp.failNextWith(1, 131026);
    const result = await dispatchNotification(request(), deps());

    expect(result).toMatchObject({
      status: 'accepted',
      channel: 'sms',
      provider: 'gupshup',
      attempts: [
        { channel: 'whatsapp', attempt: 1, outcome: 'permanent', code: 'PROVIDER.RECIPIENT_UNREACHABLE', providerCode: '131026' },
        { channel: 'sms', attempt: 1, outcome: 'accepted' },
      ],
    });
    expect(whatsapp.requests).toHaveLength(1);
    expect(gupshup.accepted[0]?.params).toMatchObject({ msg_type: 'UNICODE_TEXT', dltTemplateId: '1107000000000000001', mask: 'CONNCT' });
  });

  it('tries the template when free text failed because the window had just closed', async () => {
    whatsapp.failNextWith(1, 131047);
    const result = await dispatchNotification(request(), deps());

    expect(result).toMatchObject({ status: 'accepted', channel: 'whatsapp' });
    expect(whatsapp.accepted[0]?.body).toMatchObject({ type: 'template' });
  });

  it('retries provider errors with backoff, then succeeds', async () => {
    whatsapp.failNextWith(2, 131000);
    const result = await dispatchNotification(request(), deps());

    expect(result).toMatchObject({ status: 'accepted', channel: 'whatsapp', attempts: [{ outcome: 'retryable' }, { outcome: 'retryable' }, { outcome: 'accepted', attempt: 3 }] });
    expect(sleeps).toEqual([250, 500]);
  });

  it('moves on to the next channel once retries are spent', async () => {
    whatsapp.failNextWith(10, 131016);
    const result = await dispatchNotification(request(), deps({ retryPolicies: { 'meta-cloud-api': { maxAttempts: 2, backoff: { baseMs: 100, capMs: 100 }, retryAmbiguous: false } } }));

    expect(result).toMatchObject({ status: 'accepted', channel: 'sms' });
    expect(whatsapp.requests).toHaveLength(2);
  });

  it("waits out a provider's rate limit and keeps the sender's bucket paused", async () => {
    whatsapp.failNext(1, { status: 429, headers: { 'retry-after': '3' }, body: JSON.stringify({ error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'x' } }) });
    const limiter = new TokenBucketLimiter({ perSecond: 80, burst: 80 });
    const result = await dispatchNotification(request(), deps({ limiters: { 'meta-cloud-api': limiter } }));

    expect(result).toMatchObject({ status: 'accepted', attempts: [{ code: 'PROVIDER.RATE_LIMITED' }, { outcome: 'accepted' }] });
    expect(sleeps[0]).toBe(3000);
    expect(limiter.tryTake(`meta-cloud-api:${PHONE_NUMBER_ID}`, Date.now())).toBe(false);
  });

  it('stops without falling back when WhatsApp may have sent it (timeout)', async () => {
    whatsapp.delay(300);
    const impatient = { phoneNumberId: PHONE_NUMBER_ID, client: new WhatsAppCloudClient({ baseUrl: whatsapp.url, apiVersion: 'v23.0', accessToken: TOKEN, timeoutMs: 50 }) };
    const result = await dispatchNotification(request(), deps({ senders: senders({ whatsapp: impatient }) }));

    expect(result).toMatchObject({ status: 'dead-lettered', code: 'DELIVERY.OUTCOME_UNKNOWN' });
    expect(gupshup.requests).toHaveLength(0);
  });

  it('retries a timed-out app push: the idempotency key keeps it to one push', async () => {
    app.delay(150);
    const impatient = { client: new AppPushClient({ url: app.pushUrl, secret: SECRET, timeoutMs: 40 }) };
    let calls = 0;
    const result = await dispatchNotification(
      request({ recipient: recipient({ whatsapp: undefined, appUserId: 'app-user-1' }), preferredChannel: 'app' }),
      deps({
        senders: senders({ app: impatient }),
        sleep: async () => {
          calls += 1;
          app.delay(0);
          await new Promise((resolve) => setTimeout(resolve, 200));
        },
      }),
    );

    expect(result).toMatchObject({ status: 'accepted', channel: 'app', attempts: [{ outcome: 'ambiguous' }, { outcome: 'accepted' }] });
    expect(calls).toBe(1);
    expect(app.pushes).toHaveLength(1);
  });

  it('records a carrier opt-out reported by Twilio', async () => {
    const sms = twilioSmsSender(new TwilioClient({ baseUrl: twilio.url, accountSid: ACCOUNT_SID, authToken: 'tok' }));
    const result = await dispatchNotification(
      request({ recipient: recipient({ whatsapp: undefined, phone: '+917004123456' }) }),
      deps({ senders: senders({ sms }) }),
    );

    expect(result).toMatchObject({ status: 'dead-lettered', code: 'DELIVERY.PERMANENT_FAILURE', optedOut: ['sms'] });
  });

  it('sends nothing to a person who opted out everywhere', async () => {
    const result = await dispatchNotification(request({ recipient: recipient({ optedOut: new Set(['whatsapp', 'sms', 'app']) }) }), deps());

    expect(result).toMatchObject({ status: 'not-sent', code: 'DELIVERY.NO_CHANNEL' });
    expect(whatsapp.requests).toHaveLength(0);
  });

  it('sends nothing when the values do not fit the template, and says why', async () => {
    const result = await dispatchNotification(request({ values: {} }), deps());

    expect(result).toMatchObject({ status: 'dead-lettered', code: 'TEMPLATE.MISSING_VARIABLE', attempts: [] });
    expect(result.skipped.filter((skip) => skip.code === 'DELIVERY.RENDER_FAILED').map((skip) => skip.channel)).toEqual(['whatsapp', 'whatsapp', 'sms']);
    expect(whatsapp.requests).toHaveLength(0);
    expect(gupshup.requests).toHaveLength(0);
  });

  it('never puts the phone number in a reason', async () => {
    whatsapp.failNext(1, { status: 400, body: JSON.stringify({ error: { message: 'Recipient +919876543210 is not on WhatsApp', type: 'OAuthException', code: 131026, fbtrace_id: 'x' } }) });
    const result = await dispatchNotification(request(), deps({ senders: senders({ sms: undefined }) }));

    expect(result.status).toBe('dead-lettered');
    expect(JSON.stringify(result)).not.toContain('9876543210');
  });
});
