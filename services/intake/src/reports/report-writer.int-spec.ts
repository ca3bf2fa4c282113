import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { MongoBulkWriteError, MongoNetworkError } from 'mongodb';
import { CloudEventHeaders, type ReportReceived, ReportReceivedEvent, Topics } from '@cc/contracts';
import { outboxEntry } from '@cc/messaging';
import { type EventReader, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../app.module';
import { whatsAppContactsFor, whatsAppMessages, whatsAppSignatureHeader, whatsAppWebhook } from '../channels/fixtures';
import type { ChannelMessage } from '../channels/channel-message';
import { parseWhatsAppWebhook } from '../channels/whatsapp/whatsapp-webhook.parser';
import { intakeConfigSchema } from '../config/intake.config';
import { canonicalReport } from './canonical-report';
import { IntakeReportRepository, type ReportDraft } from './intake-report.repository';
import { ReportsService } from './reports.service';

const APP_SECRET = 'test-app-secret-0123456789abcdef';
const MESSAGES = 40;
const COPIES = 3;

/** Group commit of reports against the real store and Kafka: many webhooks at once, provider retries among them. */
describe('intake group commit', () => {
  const db = `intake_group_commit_${randomUUID().slice(0, 8)}`;
  // No periodic sweep: only the writer publishes here, so every record on the topic is its doing.
  const env = { MONGODB_DB: db, WHATSAPP_APP_SECRET: APP_SECRET, INTAKE_SENDER_BURST: '1000', OUTBOX_SWEEP_INTERVAL_MS: '600000' };
  let intake: RunningService;
  let store: mongoose.Connection;
  let reader: EventReader;

  beforeAll(async () => {
    intake = await startService(intakeConfigSchema, (config) => AppModule.register(config), env);
    reader = await readEvents([Topics.ReportReceived]);
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
  });

  afterAll(async () => {
    await intake?.stop();
    await reader?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  const post = (raw: string) =>
    fetch(`${intake.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': whatsAppSignatureHeader(raw, APP_SECRET) },
      body: raw,
    });
  const reports = () => store.collection<{ _id: string; dedupeKey: string; outboxPending?: boolean; outboxBatch?: string }>('reports');

  it('makes one report and one event per message of many concurrent webhooks, provider retries of the same message in the same instant included', async () => {
    const messages = Array.from({ length: MESSAGES }, (_, index) => whatsAppMessages.text(`सड़क नंबर ${index} टूटी है`) as { id: string });
    const bodies = messages.map((message) => JSON.stringify(whatsAppWebhook({ messages: [message], contacts: whatsAppContactsFor([message]) })));
    // Every copy of every message at once, copies of one message side by side.
    const sent = bodies.flatMap((body, index) => Array.from({ length: COPIES }, () => ({ id: messages[index]!.id, body })));

    const answers = await Promise.all(
      sent.map(async ({ id, body }) => {
        const response = await post(body);
        expect(response.status).toBe(200);
        const { reports: [report] } = (await response.json()) as { reports: Array<{ reportId: string; duplicate: boolean }> };
        return { id, ...report! };
      }),
    );

    const reportIds = oneReportPerMessage(messages, answers);

    // Webhooks are answered once logged; the deduplicator stores behind.
    const dedupeKeys = messages.map(({ id }) => `whatsapp:${id}`);
    await waitFor('every message stored', async () => (await reports().countDocuments({ dedupeKey: { $in: dedupeKeys } })) === MESSAGES);
    await expectOneEventPerReport(reportIds, messages.map(({ id }) => id));
  });

  it('records concurrent copies of one message once, through the group commit (the deduplicator’s path, also a replayed log)', async () => {
    const service = intake.app.get(ReportsService);
    const messages = Array.from({ length: MESSAGES }, (_, index) => whatsAppMessages.text(`नाली नंबर ${index} बंद है`) as { id: string });
    const copies = messages.flatMap((message) =>
      Array.from({ length: COPIES }, (_, copy) => canonicalReport(channelMessage(message), new Date(Date.now() + copy))),
    );
    const recorded = await Promise.all(copies.map((report) => service.record(report).then((answer) => ({ id: report.providerMessageId, ...answer }))));

    const reportIds = oneReportPerMessage(messages, recorded);
    // Recorded means stored and published: no waiting here.
    expect(await reports().countDocuments({ dedupeKey: { $in: messages.map(({ id }) => `whatsapp:${id}`) } })).toBe(MESSAGES);
    await expectOneEventPerReport(reportIds, messages.map(({ id }) => id));
  });

  /** Every copy of a message answered with one report id, each copy but one as its duplicate; the report ids, one per message. */
  function oneReportPerMessage(messages: Array<{ id: string }>, answers: Array<{ id: string; reportId: string; duplicate: boolean }>): Set<string> {
    for (const message of messages) {
      const forMessage = answers.filter(({ id }) => id === message.id);
      expect(new Set(forMessage.map(({ reportId }) => reportId)).size).toBe(1);
      expect(forMessage.filter(({ duplicate }) => !duplicate)).toHaveLength(1);
    }
    const reportIds = new Set(answers.map(({ reportId }) => reportId));
    expect(reportIds.size).toBe(messages.length);
    return reportIds;
  }

  function channelMessage(message: { id: string }): ChannelMessage {
    const parsed = parseWhatsAppWebhook(whatsAppWebhook({ messages: [message], contacts: whatsAppContactsFor([message]) }));
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.messages[0]!;
  }

  /** One report-received per report, with the report id as its ce_id, and nothing more once the outbox has settled. */
  async function expectOneEventPerReport(reportIds: Set<string>, providerMessageIds: string[]): Promise<void> {
    await waitFor('every report marked relayed', async () => (await reports().countDocuments({ outboxPending: true })) === 0);
    expect(await reports().countDocuments({ outboxBatch: { $exists: true } })).toBe(0);
    const events = () => reader.events.filter((event) => reportIds.has((event.data as ReportReceived).reportId));
    await waitFor('every report on the topic', () => events().length >= MESSAGES);
    expect(events().map((event) => event.headers[CloudEventHeaders.id]).sort()).toEqual([...reportIds].sort());
    expect(new Set(events().map((event) => (event.data as ReportReceived).providerMessageId))).toEqual(new Set(providerMessageIds));
  }

  it('settles each document of one insertMany on its own: stored, a duplicate within the batch or of a stored one', async () => {
    const repository = intake.app.get(IntakeReportRepository);
    const draft = (providerMessageId: string): ReportDraft => {
      const report: ReportReceived = { ...ReportReceivedEvent.example, reportId: randomUUID(), providerMessageId, receivedAt: new Date().toISOString() };
      return { report, event: outboxEntry(ReportReceivedEvent, report, report.reportId) };
    };
    const storedBefore = draft(`wamid.${randomUUID()}`);
    await repository.insertManyWithEvents([storedBefore]);
    const fresh = draft(`wamid.${randomUUID()}`);
    const twin = draft(fresh.report.providerMessageId);
    const again = draft(storedBefore.report.providerMessageId);

    const outcomes = await repository.insertManyWithEvents([fresh, twin, again]);

    expect(outcomes).toEqual([
      { ok: true, value: { inserted: true, stored: expect.objectContaining({ _id: fresh.report.reportId, outboxPending: true }) } },
      { ok: true, value: { inserted: false } },
      { ok: true, value: { inserted: false } },
    ]);
    expect(await reports().findOne({ dedupeKey: `${fresh.report.channel}:${fresh.report.providerMessageId}` })).toMatchObject({ _id: fresh.report.reportId, outboxPending: true });
    expect(await reports().countDocuments({ _id: { $in: [twin.report.reportId, again.report.reportId] } })).toBe(0);
  });

  it('fails a write as a whole when the connection breaks under it: no report is taken for stored', async () => {
    const repository = intake.app.get(IntakeReportRepository);
    const draft = (): ReportDraft => {
      const report: ReportReceived = { ...ReportReceivedEvent.example, reportId: randomUUID(), providerMessageId: `wamid.${randomUUID()}`, receivedAt: new Date().toISOString() };
      return { report, event: outboxEntry(ReportReceivedEvent, report, report.reportId) };
    };
    // What the driver throws for a socket closed mid-insert (a store restart): the network error in a
    // bulk-write error whose list of write errors is empty — which once read as "all inserted".
    const empty = { ok: 1, writeErrors: [], writeConcernErrors: [], insertedIds: [], nInserted: 0, nUpserted: 0, nMatched: 0, nModified: 0, nRemoved: 0, upserted: [] };
    // The driver's own wrapping (mongodb/lib/bulk/common.js, executeCommands); its result class is not exported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BulkWriteResult } = require('mongodb/lib/bulk/common.js') as { BulkWriteResult: new (result: unknown, ordered: boolean) => never };
    const broken = new MongoBulkWriteError(new MongoNetworkError('connection 7 to 127.0.0.1:27117 closed'), new BulkWriteResult(empty, false));
    expect(broken.writeErrors).toEqual([]);
    const collection = (repository as unknown as { model: mongoose.Model<unknown> }).model.collection;
    const insertMany = jest.spyOn(collection, 'insertMany').mockRejectedValueOnce(broken);
    try {
      await expect(repository.insertManyWithEvents([draft(), draft()])).rejects.toBe(broken);
    } finally {
      insertMany.mockRestore();
    }
  });
});
