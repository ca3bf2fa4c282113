import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { CloudEventHeaders, type DeliveryStatus, type ReportReceived, Topics } from '@cc/contracts';
import { currentInfraMode, type EventReader, loadLocalInfra, quietly, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../../services/intake/src/app.module';
import {
  whatsAppBsuidContact,
  whatsAppBsuidTextMessage,
  whatsAppChange,
  whatsAppContactsFor,
  whatsAppEntry,
  whatsAppEnvelope,
  whatsAppFailedStatus,
  whatsAppMessages,
  whatsAppSignatureHeader,
  whatsAppStatus,
  whatsAppWebhook,
  WA_SENDER_E164,
} from '../../services/intake/src/channels/fixtures';
import { intakeConfigSchema } from '../../services/intake/src/config/intake.config';

const APP_SECRET = 'test-app-secret-0123456789abcdef';
const VERIFY_TOKEN = 'test-verify-token-0123456789';

/** The WhatsApp Cloud API webhook against real Kafka and the store, with Meta's payload shapes. */
describe('WhatsApp webhook', () => {
  const db = `intake_whatsapp_${randomUUID().slice(0, 8)}`;
  // The fixtures' one sender sends dozens of messages here; the rate limit has its own test.
  const env = { MONGODB_DB: db, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN, INTAKE_PUBLISH_TIMEOUT_MS: '2000', INTAKE_SENDER_BURST: '1000' };
  let intake: RunningService;
  let store: mongoose.Connection;
  let reader: EventReader;

  beforeAll(async () => {
    // Intake first: it provisions the topics the reader subscribes to.
    intake = await startService(intakeConfigSchema, (config) => AppModule.register(config), env);
    reader = await readEvents([Topics.ReportReceived, Topics.ReportAccepted, Topics.DeliveryStatus]);
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
  });

  afterAll(async () => {
    await intake?.stop();
    await reader?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  const post = (body: unknown, signature?: string, raw = JSON.stringify(body)) =>
    fetch(`${intake.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? whatsAppSignatureHeader(raw, APP_SECRET) },
      body: raw,
    });
  const reportsFor = (providerMessageId: string) =>
    reader.events
      .filter((event) => event.topic === Topics.ReportReceived && (event.data as ReportReceived).providerMessageId === providerMessageId)
      .map((event) => ({ id: event.headers[CloudEventHeaders.id], data: event.data as ReportReceived }));
  const statuses = () => reader.dataOf<DeliveryStatus>(Topics.DeliveryStatus);
  const accepted = (providerMessageId: string) =>
    reader.dataOf<ReportReceived>(Topics.ReportAccepted).filter((report) => report.providerMessageId === providerMessageId);

  it('answers the subscription handshake only with the verify token', async () => {
    const ok = await fetch(`${intake.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${intake.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`);
    expect(wrong.status).toBe(403);
  });

  it('turns every message type of a multi-entry POST into reports, and statuses into delivery events', async () => {
    const first = [whatsAppMessages.text('BDO sahab office me nahi milte, shikayat hai'), whatsAppMessages.location(), whatsAppMessages.image()];
    const second = [
      whatsAppMessages.audio(),
      whatsAppMessages.video(),
      whatsAppMessages.document(),
      whatsAppMessages.buttonReply(),
      whatsAppMessages.listReply(),
      whatsAppMessages.templateButton(),
      whatsAppMessages.sticker(),
      whatsAppMessages.reaction(),
    ];
    const bsuid = whatsAppBsuidTextMessage();
    const sent = whatsAppStatus('delivered');
    const failed = whatsAppFailedStatus();
    const body = whatsAppEnvelope([
      whatsAppEntry([whatsAppChange({ messages: first, contacts: whatsAppContactsFor(first) })]),
      whatsAppEntry([
        whatsAppChange({ messages: second, contacts: whatsAppContactsFor(second) }),
        whatsAppChange({ messages: [bsuid], contacts: [whatsAppBsuidContact()] }),
        whatsAppChange({ statuses: [sent, failed] }),
      ]),
    ]);

    const response = await post(body);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { reports: unknown[]; statuses: number; ignored: string[] };
    expect(answer.reports).toHaveLength(11); // every message but the reaction
    expect(answer.statuses).toBe(2);
    expect(answer.ignored).toEqual([expect.stringMatching(/reaction/)]);

    // 200 came after Kafka's acknowledgement: the events are already there.
    const byId = (message: { id?: unknown }) => waitFor(`report ${String(message.id)}`, () => reportsFor(String(message.id))[0]?.data);
    const text = await byId(first[0] as { id: string });
    expect(text).toMatchObject({ kind: 'text', channel: 'whatsapp', provider: 'meta-cloud-api', sender: { kind: 'phone', e164: WA_SENDER_E164 }, language: 'hi-Latn' });
    expect(text.keywords.map((hint) => hint.category)).toEqual(expect.arrayContaining(['bdo', 'complaint']));
    expect(await byId(first[1] as { id: string })).toMatchObject({ kind: 'location', location: { latitude: 23.3441, longitude: 85.3096 } });
    expect(await byId(first[2] as { id: string })).toMatchObject({ kind: 'media', text: 'सड़क का काम अधूरा', media: [{ type: 'image', providerMediaId: '1003383421387256' }] });
    for (const [index, kind] of ['media', 'media', 'media', 'interactive', 'interactive', 'button', 'unsupported'].entries()) {
      expect(await byId(second[index] as { id: string })).toMatchObject({ kind });
    }
    expect((await byId(second[6] as { id: string })).unsupportedReason).toMatch(/sticker/);
    expect(await byId(bsuid as { id: string })).toMatchObject({ sender: { kind: 'whatsapp-bsuid' } });

    const failedStatus = await waitFor('the failed status', () => statuses().find((status) => status.providerMessageId === (failed as { id: string }).id));
    expect(failedStatus).toMatchObject({ status: 'failed', errors: [expect.objectContaining({ code: expect.any(Number) })] });
    expect(JSON.stringify(failedStatus)).not.toContain('9876543210');
  });

  it('makes one report of a provider retry, also after a restart', async () => {
    const message = whatsAppMessages.text('दोबारा भेजा गया संदेश');
    const body = whatsAppWebhook({ messages: [message], contacts: whatsAppContactsFor([message]) });
    const first = (await (await post(body)).json()) as { reports: Array<{ reportId: string; duplicate: boolean }> };
    const retry = (await (await post(body)).json()) as { reports: Array<{ reportId: string; duplicate: boolean }> };
    expect(retry.reports).toEqual([{ reportId: first.reports[0]!.reportId, duplicate: true }]);

    await intake.stop();
    // The same consumer group, as a restarted replica has: its deduplicator goes on where the last one stopped.
    intake = await startService(intakeConfigSchema, (config) => AppModule.register(config), { ...env, KAFKA_GROUP_ID: intake.config.KAFKA_GROUP_ID });
    // The new process has not seen the message: it logs it again, and the deduplicator drops it.
    const afterRestart = (await (await post(body)).json()) as { reports: Array<{ reportId: string; duplicate: boolean }> };
    expect(afterRestart.reports).toEqual([{ reportId: first.reports[0]!.reportId, duplicate: false }]);

    // The same sender's next message: the deduplicator records one sender's messages in their order
    // on the log, so once this one is published the retry before it has been dealt with.
    const marker = whatsAppMessages.text('uske baad ka sandesh');
    expect((await post(whatsAppWebhook({ messages: [marker], contacts: whatsAppContactsFor([marker]) }))).status).toBe(200);
    await waitFor('the next message’s report', () => reportsFor(String((marker as { id: string }).id)).length > 0);

    const id = String((message as { id: string }).id);
    expect(accepted(id)).toHaveLength(2); // logged by the first process once, and again after the restart
    expect(reportsFor(id).map((report) => report.id)).toEqual([first.reports[0]!.reportId]); // one report
    expect(await store.collection('reports').countDocuments({ dedupeKey: `whatsapp:${id}` })).toBe(1);
  });

  it('keeps answering while the store is down, and stores each message once the store is back', async () => {
    const messages = [whatsAppMessages.text('store band hai, fir bhi shikayat'), whatsAppMessages.location()];
    const infra = loadLocalInfra();
    await infra.down(quietly({ components: ['ferretdb'] }));
    let answers: Array<{ reportId: string }>;
    try {
      const response = await post(whatsAppWebhook({ messages, contacts: whatsAppContactsFor(messages) }));
      expect(response.status).toBe(200);
      answers = ((await response.json()) as { reports: Array<{ reportId: string }> }).reports;
      expect(answers).toHaveLength(2);
    } finally {
      await infra.up(quietly({ components: ['ferretdb'] }));
    }
    for (const [index, message] of messages.entries()) {
      const id = String((message as { id: string }).id);
      await waitFor(`report ${id} stored and published`, () => reportsFor(id).length > 0, { timeoutMs: 120000, intervalMs: 500 });
      expect(reportsFor(id).map((report) => report.data.reportId)).toEqual([answers[index]!.reportId]);
      expect(await store.collection('reports').countDocuments({ dedupeKey: `whatsapp:${id}` })).toBe(1);
    }
  }, 240_000);

  it.each([
    ['a wrong signature', (raw: string) => ({ signature: whatsAppSignatureHeader(raw, 'another-secret-0123456789'), raw })],
    ['no signature', (raw: string) => ({ signature: '', raw })],
    ['a body changed after signing', (raw: string) => ({ signature: whatsAppSignatureHeader(raw, APP_SECRET), raw: raw.replace('प्रखंड', 'Prakhand') })],
  ])('refuses %s with 401 and stores nothing', async (_case, tamper) => {
    const message = whatsAppMessages.text('प्रखंड में समस्या');
    const original = JSON.stringify(whatsAppWebhook({ messages: [message], contacts: whatsAppContactsFor([message]) }));
    const { signature, raw } = tamper(original);
    const response = await post(undefined, signature, raw);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'INTAKE.BAD_SIGNATURE', correlationId: expect.any(String) });
    expect(await store.collection('reports').countDocuments({ dedupeKey: `whatsapp:${String((message as { id: string }).id)}` })).toBe(0);
  });

  it('answers 400 with the reason to a malformed body or a foreign object, and 413 to an oversized one', async () => {
    const malformed = await post(undefined, undefined, '{"object": "whatsapp_business_account", "entry": [');
    expect(malformed.status).toBe(400);
    const foreign = await post({ object: 'page', entry: [] });
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ code: 'CHANNEL.UNEXPECTED_OBJECT', message: expect.stringContaining('whatsapp_business_account') });
    const huge = await post(whatsAppWebhook({ messages: [whatsAppMessages.text('x'.repeat(1_100_000))] }));
    expect(huge.status).toBe(413);
  });

  const withLocalBroker = currentInfraMode() === 'local' ? it : it.skip;

  withLocalBroker('answers 503 while Kafka is down, and the retry afterwards gets the one report', async () => {
    const message = whatsAppMessages.text('Kafka band hai tab bhi shikayat');
    const body = whatsAppWebhook({ messages: [message], contacts: whatsAppContactsFor([message]) });
    const infra = loadLocalInfra();
    await infra.down(quietly({ components: ['kafka'] }));
    try {
      const during = await post(body);
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('5');
      expect(await during.json()).toMatchObject({ code: 'INTAKE.BROKER_UNAVAILABLE' });
    } finally {
      await infra.up(quietly({ components: ['kafka'] }));
    }
    const retried = await waitFor('a 200 on the provider’s retry', async () => {
      const response = await post(body);
      return response.status === 200 && ((await response.json()) as { reports: Array<{ reportId: string }> });
    }, { timeoutMs: 60000, intervalMs: 1000 });
    const id = String((message as { id: string }).id);
    // The suite's reader lived through the outage too: it rejoins its group after the restart.
    await waitFor('the report event', () => reportsFor(id).length > 0, { timeoutMs: 90000 });
    expect(new Set(reportsFor(id).map((report) => report.data.reportId))).toEqual(new Set([retried.reports[0]!.reportId]));
    expect(await store.collection('reports').countDocuments({ dedupeKey: `whatsapp:${id}` })).toBe(1);
  }, 240_000);
});
