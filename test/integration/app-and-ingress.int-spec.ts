import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import {
  type ChannelMessageIngress,
  ChannelMessageIngressEvent,
  CloudEventHeaders,
  DeadLetterHeaders,
  deadLetterTopic,
  type ReportReceived,
  Topics,
} from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import {
  GUPSHUP_SENDER_E164,
  gupshupInbound,
  WA_SENDER_E164,
  whatsAppContactsFor,
  whatsAppMessages,
  whatsAppSignatureHeader,
  whatsAppWebhook,
} from '../../services/intake/src/channels/fixtures';
import { type EventReader, readEvents, type ServiceProcess, spawnService, startGroupAtEnd, waitFor, waitUntilReady } from '@cc/testing';

const API_KEY = 'app-backend-key-0123456789abcdef0123456789';
const JWT_SECRET = 'jwt-secret-for-tests-0123456789abcdefghij';
const WHATSAPP_APP_SECRET = 'whatsapp-app-secret-0123456789abcdef';
const GUPSHUP_TOKEN = 'gupshup-token-0123456789abcdef';
const ISSUER = 'https://id.party.example';
const AUDIENCE = 'connect-center-intake';
/** Numbers and words that must never reach a log line. */
const PHONE = '9812348765';
const SECRET_TEXT = 'गुप्त-शिकायत-पाठ';

/**
 * The app endpoint and the Kafka ingress, against intake running as its own process (as in
 * production), so that its real log output can be read at the end for phone numbers and text.
 */
describe('App reports and the Kafka ingress', () => {
  const db = `intake_app_${randomUUID().slice(0, 8)}`;
  const groupId = `intake-app-test-${randomUUID()}`;
  let intake: ServiceProcess;
  let reader: EventReader;
  let store: mongoose.Connection;
  let producer: Producer;

  beforeAll(async () => {
    await startGroupAtEnd(groupId);
    intake = await spawnService('intake', {
      MONGODB_DB: db,
      KAFKA_GROUP_ID: groupId,
      LOG_LEVEL: 'debug',
      APP_API_KEYS: `party-app:${API_KEY}`,
      APP_JWT_SECRET: JWT_SECRET,
      APP_JWT_ISSUER: ISSUER,
      WHATSAPP_APP_SECRET,
      GUPSHUP_TOKEN,
      INTAKE_SENDER_BURST: '3',
      INTAKE_SENDER_PER_MINUTE: '1',
    });
    await waitUntilReady(intake);
    reader = await readEvents([Topics.ReportReceived, deadLetterTopic(Topics.ChannelMessageIngress)]);
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
    producer = new Kafka({ clientId: 'integrator-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    if (intake) {
      intake.child.kill('SIGTERM');
      await intake.exited;
    }
    await store?.dropDatabase();
    await store?.close();
  });

  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${intake.url}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, 'idempotency-key': randomUUID(), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const reportEvents = (providerMessageId: string) =>
    reader.dataOf<ReportReceived>(Topics.ReportReceived).filter((report) => report.providerMessageId === providerMessageId);
  const token = (claims: Record<string, unknown> = { scope: 'reports:write' }, audience = AUDIENCE, expires: string | number = '5m', secret = JWT_SECRET) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('party-app')
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setExpirationTime(expires)
      .sign(new TextEncoder().encode(secret));
  const reporter = () => ({ appUserId: `app-user-${randomUUID().slice(0, 8)}` });

  const report = {
    text: `${SECRET_TEXT}: राशन डीलर ने अनाज नहीं दिया`,
    sentAt: '2026-11-26T09:30:00+05:30',
    attachments: [{ type: 'image', url: 'https://app.party.example/attachments/5f2b9c', mimeType: 'image/jpeg' }],
    location: { latitude: 23.3441, longitude: 85.3096, name: 'Kanke' },
    declaredUnitCode: 'JH-RAN-KANKE',
    complaint: { category: 'government-service', subject: 'राशन डीलर' },
  };

  describe('POST /v1/reports', () => {
    it('accepts a report with an API key once Kafka has it, and answers a retry with the same report', async () => {
      const key = randomUUID();
      const body = { ...report, reporter: reporter() };
      const created = await submit(body, { 'idempotency-key': key });
      expect(created.status).toBe(201);
      const answer = (await created.json()) as { reportId: string; receivedAt: string; duplicate: boolean };
      expect(answer).toEqual({ reportId: expect.any(String), receivedAt: expect.any(String), duplicate: false });

      const published = await waitFor('the report event', () => reportEvents(`party-app:${key}`)[0]);
      expect(published).toMatchObject({
        reportId: answer.reportId,
        channel: 'app',
        provider: 'app',
        sender: { kind: 'app-user', id: body.reporter.appUserId },
        kind: 'media',
        text: report.text,
        script: 'devanagari',
        media: [{ type: 'image', url: report.attachments[0]!.url }],
        location: report.location,
        providerTimestamp: '2026-11-26T04:00:00.000Z',
        declaredUnitCode: 'JH-RAN-KANKE',
        declaredComplaint: report.complaint,
      });

      const retry = await submit(body, { 'idempotency-key': key });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.json()).toEqual({ ...answer, duplicate: true });

      const reused = await submit({ ...body, text: 'कुछ और' }, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(await reused.json()).toMatchObject({ code: 'INTAKE.IDEMPOTENCY_KEY_REUSED' });
      expect(await store.collection('reports').countDocuments({ dedupeKey: `app:party-app:${key}` })).toBe(1);
    });

    it('accepts a JWT with the reports:write scope and refuses bad tokens, each with its reason', async () => {
      const body = { ...report, reporter: reporter() };
      const noKey = (headers: Record<string, string>) =>
        fetch(`${intake.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers }, body: JSON.stringify(body) });

      expect((await noKey({ authorization: `Bearer ${await token()}` })).status).toBe(201);
      const cases: Array<[string, Promise<Response>, number, string]> = [
        ['expired', noKey({ authorization: `Bearer ${await token(undefined, AUDIENCE, Math.floor(Date.now() / 1000) - 600)}` }), 401, 'INTAKE.TOKEN_EXPIRED'],
        ['for another audience', noKey({ authorization: `Bearer ${await token(undefined, 'reporting')}` }), 401, 'INTAKE.TOKEN_WRONG_AUDIENCE'],
        ['signed with another secret', noKey({ authorization: `Bearer ${await token(undefined, AUDIENCE, '5m', 'not-the-secret-0123456789abcdefghijkl')}` }), 401, 'INTAKE.TOKEN_BAD_SIGNATURE'],
        ['tampered', noKey({ authorization: `Bearer ${(await token()).replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ sub: 'party-app', iss: ISSUER, aud: AUDIENCE, exp: 4102444800, scope: 'reports:write admin' })).toString('base64url')}.`)}` }), 401, 'INTAKE.TOKEN_BAD_SIGNATURE'],
        ['without the scope', noKey({ authorization: `Bearer ${await token({ scope: 'reports:read' })}` }), 403, 'INTAKE.SCOPE_MISSING'],
        ['absent', noKey({}), 401, 'INTAKE.UNAUTHENTICATED'],
        ['replaced by a wrong API key', noKey({ 'x-api-key': `${API_KEY}x` }), 401, 'INTAKE.BAD_API_KEY'],
      ];
      for (const [name, pending, status, code] of cases) {
        const response = await pending;
        expect({ name, status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({ name, status, code });
      }
      expect(await store.collection('reports').countDocuments({ 'report.sender.id': body.reporter.appUserId })).toBe(1);
    });

    it('answers bad input with 400 and the reason, an oversized body with 413, and stores none of it', async () => {
      const appUserId = reporter().appUserId;
      const cases: Array<[unknown, Record<string, string>, number, RegExp]> = [
        ['{"reporter": {"appUserId": ', {}, 400, /JSON/i],
        [{ reporter: { appUserId }, text: 'x', priority: 'high' }, {}, 400, /Unrecognized key: "priority"/],
        [{ reporter: { appUserId } }, {}, 400, /a report needs text, an attachment or a location/],
        [{ reporter: { appUserId }, text: 'x' }, { 'idempotency-key': '' }, 400, /Idempotency-Key/],
        [{ reporter: { appUserId }, text: 'x', attachments: [{ type: 'image', url: 'javascript:alert(1)' }] }, {}, 400, /attachments\.0\.url/],
        [{ reporter: { appUserId }, text: 'x'.repeat(1_100_000) }, {}, 413, /./],
      ];
      for (const [body, headers, status, reason] of cases) {
        const response = await submit(body, headers);
        expect(response.status).toBe(status);
        expect(((await response.json()) as { message: string }).message).toMatch(reason);
      }
      expect(await store.collection('reports').countDocuments({ 'report.sender.id': appUserId })).toBe(0);
    });

    it('stores markup, $-operators and control characters as text, never interpreting them (NUL as U+FFFD)', async () => {
      const key = randomUUID();
      const text = '<script>alert("x")</script> {"$where": "sleep(1000)"} $gt \u0000\u0007 ‮';
      const sender = { appUserId: '{"$ne": null}' };
      const response = await submit({ reporter: sender, text, declaredUnitCode: 'JH' }, { 'idempotency-key': key });
      expect(response.status).toBe(201);
      const stored = await store.collection('reports').findOne({ dedupeKey: `app:party-app:${key}` });
      const kept = text.replace('\u0000', '\uFFFD');
      expect(stored?.report).toMatchObject({ text: kept, sender: { kind: 'app-user', id: '{"$ne": null}' } });
      expect(await waitFor('the event', () => reportEvents(`party-app:${key}`)[0])).toMatchObject({ text: kept });
    });

    it('limits each sender to its burst with 429 and Retry-After, without refusing a retry or another sender', async () => {
      const limited = reporter();
      const keys = [randomUUID(), randomUUID(), randomUUID()];
      for (const key of keys) expect((await submit({ reporter: limited, text: 'एक' }, { 'idempotency-key': key })).status).toBe(201);
      const fourth = await submit({ reporter: limited, text: 'चार' });
      expect(fourth.status).toBe(429);
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await fourth.json()).toMatchObject({ code: 'INTAKE.RATE_LIMITED' });

      const retry = await submit({ reporter: limited, text: 'एक' }, { 'idempotency-key': keys[0]! });
      expect(retry.status).toBe(200);
      expect((await submit({ reporter: reporter(), text: 'दूसरा' })).status).toBe(201);
      expect(await store.collection('reports').countDocuments({ 'report.sender.id': limited.appUserId })).toBe(3);
    });
  });

  describe('the Kafka ingress', () => {
    const publish = (messages: Array<{ key: string; value: string; headers: Record<string, string> }>) =>
      producer.send({ topic: Topics.ChannelMessageIngress, acks: -1, messages });
    const record = (data: ChannelMessageIngress) =>
      cloudEventRecord(ChannelMessageIngressEvent, data, { id: randomUUID(), source: '/integrators/party-app', correlationId: randomUUID() }) as {
        key: string;
        value: string;
        headers: Record<string, string>;
      };
    const deadLetters = () =>
      reader.events.filter((event) => event.topic === deadLetterTopic(Topics.ChannelMessageIngress));

    it('turns a published message into one report however often it is published, and dedupes it with HTTP', async () => {
      const messageId = randomUUID();
      const message: ChannelMessageIngress = { ...ChannelMessageIngressEvent.example, messageId, sender: { kind: 'app-user', id: reporter().appUserId } };
      await publish([record(message), record(message)]);
      const published = await waitFor('the report event', () => reportEvents(`party-app:${messageId}`)[0]);
      expect(published).toMatchObject({ channel: 'app', provider: 'kafka', declaredUnitCode: 'JH-RAN-KANKE', declaredComplaint: message.complaint });

      const overHttp = await submit({ reporter: { appUserId: message.sender.kind === 'app-user' ? message.sender.id : '' }, text: 'x' }, { 'idempotency-key': messageId });
      expect(overHttp.status).toBe(200);
      expect(((await overHttp.json()) as { reportId: string }).reportId).toBe(published.reportId);
      expect(await store.collection('reports').countDocuments({ dedupeKey: `app:party-app:${messageId}` })).toBe(1);
      expect(new Set(reportEvents(`party-app:${messageId}`).map((event) => event.reportId)).size).toBe(1);
    });

    it('normalises an SMS sender’s number and dead-letters what it cannot accept, with the reason, then moves on', async () => {
      const valid: ChannelMessageIngress = { ...ChannelMessageIngressEvent.example, channel: 'sms', messageId: `gs-${randomUUID()}`, sender: { kind: 'phone', number: `0${PHONE}` }, attachments: [], complaint: undefined };
      const badPhone: ChannelMessageIngress = { ...valid, messageId: `gs-${randomUUID()}`, sender: { kind: 'phone', number: '12345' } };
      const poisonKey = `poison-${randomUUID()}`;
      const typed = { [CloudEventHeaders.type]: ChannelMessageIngressEvent.type, [CloudEventHeaders.id]: randomUUID() };
      await publish([
        { key: poisonKey, value: JSON.stringify({ integrator: 'party-app', channel: 'fax', text: 'x' }), headers: typed },
        { key: poisonKey, value: '{not json', headers: typed },
        { key: poisonKey, value: JSON.stringify(valid), headers: { [CloudEventHeaders.id]: randomUUID() } },
        record(badPhone),
        record(valid),
      ]);

      const published = await waitFor('the valid message’s report', () => reportEvents(valid.messageId)[0]);
      expect(published).toMatchObject({ channel: 'sms', provider: 'kafka', sender: { kind: 'phone', e164: `+91${PHONE}` } });
      const reasons = await waitFor('four dead letters', () => {
        const ours = deadLetters().filter((event) => event.key === poisonKey || (event.data as { messageId?: string }).messageId === badPhone.messageId);
        return ours.length >= 4 && ours.map((event) => event.headers[DeadLetterHeaders.reason]!);
      });
      expect(reasons).toEqual([
        expect.stringMatching(/messageId.*|channel/),
        expect.stringMatching(/not JSON/),
        expect.stringMatching(/unknown event type/),
        expect.stringMatching(/CHANNEL\.INVALID_SENDER/),
      ]);
      expect(reasons.join(' ')).not.toContain('12345');
      expect(await store.collection('reports').countDocuments({ dedupeKey: `sms:${badPhone.messageId}` })).toBe(0);
    });
  });

  it('writes no phone number, message text or credential to its logs, whatever the channel', async () => {
    const whatsApp = whatsAppMessages.text(`${SECRET_TEXT} BDO`);
    const raw = JSON.stringify(whatsAppWebhook({ messages: [whatsApp], contacts: whatsAppContactsFor([whatsApp]) }));
    const signed = await fetch(`${intake.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': whatsAppSignatureHeader(raw, WHATSAPP_APP_SECRET) },
      body: raw,
    });
    expect(signed.status).toBe(200);
    const forged = await fetch(`${intake.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' }, body: raw });
    expect(forged.status).toBe(401);
    const sms = await fetch(`${intake.url}/webhooks/sms/gupshup?${new URLSearchParams({ ...(gupshupInbound({ content: `${SECRET_TEXT} CO` }) as Record<string, string>), token: GUPSHUP_TOKEN })}`);
    expect(sms.status).toBe(200);

    // Everything in this file went through this process at debug level; its log must still be worth reading.
    const log = [...intake.stdout, ...intake.stderr].join('\n');
    expect(log).toContain('dead-lettering cc.ingress.channel-message.v1');
    expect(log).toContain('INTAKE.BAD_SIGNATURE');
    const national = (e164: string) => e164.slice(3);
    for (const secret of [PHONE, national(WA_SENDER_E164), national(GUPSHUP_SENDER_E164), SECRET_TEXT, 'राशन', '<script>', API_KEY, JWT_SECRET, WHATSAPP_APP_SECRET, GUPSHUP_TOKEN]) {
      expect(log).not.toContain(secret);
    }
  });
});
