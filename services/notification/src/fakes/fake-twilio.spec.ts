import { TwilioClient } from '../sms/twilio/twilio-client';
import { FakeTwilio } from './fake-twilio';

const ACCOUNT_SID = `AC${'0a'.repeat(16)}`;
const AUTH_TOKEN = 'twilio-auth-token';
const SERVICE = `MG${'1'.repeat(32)}`;

describe(FakeTwilio.name, () => {
  let fake: FakeTwilio;
  let sut: TwilioClient;

  beforeAll(async () => {
    fake = await new FakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      senders: ['CONNCT'],
      messagingServiceSids: [SERVICE],
      unsubscribed: new Set(['+917004123456']),
    }).start();
  });
  beforeEach(() => {
    fake.reset();
    fake.accepted.length = 0;
    sut = new TwilioClient({ baseUrl: fake.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, statusCallbackUrl: 'https://cc.example/status', timeoutMs: 2000 });
  });
  afterAll(() => fake.close());

  it('creates a message and returns its SID', async () => {
    const outcome = await sut.send({ to: '+919876543210', from: 'CONNCT', body: 'Connect Center: ok', notificationId: 'ntf_1' });

    expect(outcome).toEqual({ ok: true, provider: 'twilio', providerMessageId: fake.accepted[0]?.sid });
    expect(fake.accepted[0]?.form).toEqual({
      To: '+919876543210',
      From: 'CONNCT',
      Body: 'Connect Center: ok',
      StatusCallback: 'https://cc.example/status?notificationId=ntf_1',
    });
  });

  it('sends through a Messaging Service', async () => {
    const client = new TwilioClient({ baseUrl: fake.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid: SERVICE });
    expect(await client.send({ to: '+919876543210', body: 'x' })).toMatchObject({ ok: true });
  });

  it('refuses a wrong auth token with 20003', async () => {
    const client = new TwilioClient({ baseUrl: fake.url, accountSid: ACCOUNT_SID, authToken: 'wrong' });
    expect(await client.send({ to: '+919876543210', from: 'CONNCT', body: 'x' })).toMatchObject({ code: 'PROVIDER.AUTH', providerCode: '20003', httpStatus: 401 });
  });

  it('refuses an unsubscribed recipient with 21610, a permanent opt-out', async () => {
    expect(await sut.send({ to: '+917004123456', from: 'CONNCT', body: 'x' })).toMatchObject({
      ok: false,
      kind: 'permanent',
      code: 'PROVIDER.RECIPIENT_OPTED_OUT',
      providerCode: '21610',
    });
  });

  it('refuses a sender the account does not own with 21606', async () => {
    expect(await sut.send({ to: '+919876543210', from: 'OTHERS', body: 'x' })).toMatchObject({ providerCode: '21606', kind: 'permanent' });
  });

  it('fails on demand and rate-limits with 429 / 20429', async () => {
    fake.failNextWith(1, 20500, 500);
    expect(await sut.send({ to: '+919876543210', from: 'CONNCT', body: 'x' })).toMatchObject({ kind: 'retryable', code: 'PROVIDER.UNAVAILABLE' });
    fake.limitRate(1, 1);
    await sut.send({ to: '+919876543210', from: 'CONNCT', body: 'x' });
    expect(await sut.send({ to: '+919876543210', from: 'CONNCT', body: 'x' })).toMatchObject({ kind: 'retryable', code: 'PROVIDER.RATE_LIMITED', providerCode: '20429' });
  });
});
