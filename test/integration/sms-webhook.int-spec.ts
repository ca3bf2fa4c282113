import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { type DeliveryStatus, type ReportReceived, Topics } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import { type EventReader, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../../services/intake/src/app.module';
import { GUPSHUP_SENDER_E164, gupshupInbound, TWILIO_SENDER, TWILIO_WEBHOOK_URL, twilioSignatureHeader, twilioSms } from '../../services/intake/src/channels/fixtures';
import { intakeConfigSchema } from '../../services/intake/src/config/intake.config';

const TWILIO_AUTH_TOKEN = 'twilio-auth-token-0123456789ab';
const GUPSHUP_TOKEN = 'gupshup-token-0123456789abcdef';
const TWILIO_STATUS_CALLBACK_URL = 'https://intake.party.example/webhooks/sms/twilio/status';

/** Inbound SMS from Twilio and Gupshup, and Twilio's status callbacks, in their formats, through to Kafka. */
describe('SMS webhooks', () => {
  const db = `intake_sms_${randomUUID().slice(0, 8)}`;
  let intake: RunningService;
  let store: mongoose.Connection;
  let reader: EventReader;
  const reports = () => reader.dataOf<ReportReceived>(Topics.ReportReceived);

  beforeAll(async () => {
    intake = await startService(intakeConfigSchema, (config) => AppModule.register(config), {
      MONGODB_DB: db,
      TWILIO_AUTH_TOKEN,
      TWILIO_WEBHOOK_URL,
      TWILIO_STATUS_CALLBACK_URL,
      GUPSHUP_TOKEN,
    });
    reader = await readEvents([Topics.ReportReceived, Topics.DeliveryStatus]);
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
  });

  afterAll(async () => {
    await intake?.stop();
    await reader?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  const postTwilio = (params: Record<string, string>, signature = twilioSignatureHeader(params, TWILIO_AUTH_TOKEN)) =>
    fetch(`${intake.url}/webhooks/sms/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
  const getGupshup = (query: Record<string, string>) => fetch(`${intake.url}/webhooks/sms/gupshup?${new URLSearchParams(query).toString()}`);
  const getGupshupStatus = (query: Record<string, string>) => fetch(`${intake.url}/webhooks/sms/gupshup/status?${new URLSearchParams(query).toString()}`);

  it('accepts a signed Twilio SMS, answers TwiML, and publishes the report with the sender in E.164', async () => {
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    const response = await postTwilio(twilioSms({ MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, Body: 'Kanke block: BDO office band hai <b>$where</b>' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toContain('<Response>');
    const report = await waitFor('the Twilio report', () => reports().find((candidate) => candidate.providerMessageId === sid));
    expect(report).toMatchObject({ channel: 'sms', provider: 'twilio', sender: { kind: 'phone', e164: TWILIO_SENDER }, text: 'Kanke block: BDO office band hai <b>$where</b>' });
  });

  it('refuses a Twilio request whose signature does not match (401) and one without a sender (400)', async () => {
    const params = twilioSms({ MessageSid: `SM${randomUUID().replaceAll('-', '')}` });
    expect((await postTwilio(params, twilioSignatureHeader(params, 'another-token-0123456789'))).status).toBe(401);
    const { From: _from, ...withoutSender } = params;
    const response = await postTwilio(withoutSender);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'CHANNEL.MISSING_FIELD', message: expect.stringContaining('From') });
  });

  it('publishes a signed Twilio status callback as a delivery status, the recipient as a pseudonym; interim states are acknowledged only', async () => {
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    const recipient = '+919812345670';
    const postStatus = (params: Record<string, string>, query: string, url = `${TWILIO_STATUS_CALLBACK_URL}${query}`) =>
      fetch(`${intake.url}/webhooks/sms/twilio/status${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignatureHeader(params, TWILIO_AUTH_TOKEN, url) },
        body: new URLSearchParams(params).toString(),
      });
    const status = (word: string, extra: Record<string, string> = {}) => ({ MessageSid: sid, MessageStatus: word, AccountSid: 'AC00000000000000000000000000000000', From: 'CONNCT', To: recipient, ...extra });
    const query = '?notificationId=ntf_0123456789abcdef0123456789abcdef';

    expect(await (await postStatus(status('sending'), query)).json()).toEqual({ statuses: 0, ignored: ['MessageStatus sending says nothing about delivery yet'] });
    const delivered = await postStatus(status('undelivered', { ErrorCode: '30003' }), query);
    expect(delivered.status).toBe(200);
    expect(await delivered.json()).toEqual({ statuses: 1, ignored: [] });
    const event = await waitFor('the delivery status', () => reader.dataOf<DeliveryStatus>(Topics.DeliveryStatus).find((candidate) => candidate.providerMessageId === sid));
    expect(event).toEqual({
      channel: 'sms',
      provider: 'twilio',
      providerMessageId: sid,
      status: 'failed',
      timestamp: expect.any(String),
      recipientKey: canonicalSenderKey({ kind: 'phone', e164: recipient }),
      errors: [{ code: 30003, title: 'Twilio error 30003' }],
    });
    expect(JSON.stringify(reader.events.filter((each) => each.topic === Topics.DeliveryStatus))).not.toContain('9812345670');

    // Signed over another query string (a notification id swapped in transit): refused.
    expect((await postStatus(status('delivered'), '?notificationId=ntf_ffffffffffffffffffffffffffffffff', `${TWILIO_STATUS_CALLBACK_URL}${query}`)).status).toBe(401);
    expect((await postStatus(status('lost'), query)).status).toBe(400);
  });

  it('accepts a Gupshup message with the token, normalises the number, and makes one report of a retry', async () => {
    const content = `CONGRESS Kanke CO ne jameen ka kaam roka ${randomUUID().slice(0, 6)}`;
    const query = { ...(gupshupInbound({ content }) as Record<string, string>), token: GUPSHUP_TOKEN };
    const first = await getGupshup(query);
    expect(first.status).toBe(200);
    const { reportId } = (await first.json()) as { reportId: string };
    expect(await (await getGupshup(query)).json()).toEqual({ reportId, duplicate: true });
    const report = await waitFor('the Gupshup report', () => reports().find((candidate) => candidate.reportId === reportId));
    expect(report).toMatchObject({ channel: 'sms', provider: 'gupshup', sender: { kind: 'phone', e164: GUPSHUP_SENDER_E164 }, text: content });
    expect(report.keywords.map((hint) => hint.category)).toEqual(expect.arrayContaining(['co', 'land']));
  });

  it('publishes a Gupshup delivery report with the token as a delivery status, the recipient as a pseudonym', async () => {
    const externalId = `${Date.now()}${Math.floor(Math.random() * 1e6)}-328736121207676738`;
    const dlr = (fields: Record<string, string>) => getGupshupStatus({ externalId, deliveredTS: String(Date.now()), phoneNo: '919812345671', token: GUPSHUP_TOKEN, ...fields });
    expect(await (await dlr({ status: 'UNKNOWN' })).json()).toEqual({ statuses: 0, ignored: ['status unknown is not a final delivery state'] });
    expect(await (await dlr({ status: 'SUCCESS', cause: 'SUCCESS', errCode: '000' })).json()).toEqual({ statuses: 1, ignored: [] });
    const event = await waitFor('the delivery status', () => reader.dataOf<DeliveryStatus>(Topics.DeliveryStatus).find((candidate) => candidate.providerMessageId === externalId));
    expect(event).toMatchObject({ channel: 'sms', provider: 'gupshup', status: 'delivered', recipientKey: canonicalSenderKey({ kind: 'phone', e164: '+919812345671' }) });
    expect((await dlr({ status: 'SUCCESS', token: 'wrong-token-0123456789abcdef' })).status).toBe(401);
    expect((await dlr({ status: 'SUCCESS', phoneNo: '123' })).status).toBe(400);
  });

  it('refuses Gupshup without the right token (401)', async () => {
    expect((await getGupshup(gupshupInbound() as Record<string, string>)).status).toBe(401);
    expect((await getGupshup({ ...(gupshupInbound() as Record<string, string>), token: 'wrong-token-0123456789abcdef' })).status).toBe(401);
  });
});
