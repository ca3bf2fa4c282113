import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import { type ReportAttributed, ReportAttributedEvent, type ReportReceived, ReportReceivedEvent, Topics } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import { cloudEventRecord, outboxEntry } from '@cc/messaging';
import { type EventReader, principalToken, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../app.module';
import { membershipConfigSchema } from '../config/membership.config';

const JWT_SECRET = 'membership-cache-secret-0123456789abcdef';
const ISSUER = 'https://id.party.example';

/**
 * Attribution keeps what it read about senders: a change of a member made through this service
 * must show in the next attribution, not when the entry expires (set here far beyond the test).
 * And it publishes per batch: a batch a crash left open is published by a redelivery or the sweep.
 */
describe('attribution', () => {
  const db = `membership_cache_${randomUUID().slice(0, 8)}`;
  const digits = String(Date.now()).slice(-5);
  let membership: RunningService;
  let reader: EventReader;
  let producer: Producer;
  let store: mongoose.Connection;

  beforeAll(async () => {
    membership = await startService(membershipConfigSchema, (config) => AppModule.register(config), {
      MONGODB_DB: db,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      MEMBERSHIP_SENDER_CACHE_TTL_MS: '600000',
    });
    reader = await readEvents([Topics.ReportAttributed]);
    producer = new Kafka({ clientId: 'membership-cache-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    await membership?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  const phone = (n: number) => `+9196${digits}00${n}`;
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${membership.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await principalToken(JWT_SECRET, ISSUER, { unit: 'JH-RAN', roles: ['office-bearer'] })}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const member = (name: string, phones: string[], homeUnitCode: string) => ({ name, phones, homeUnitCode, language: 'hi', consentToContact: true });
  const reportFrom = (e164: string): ReportReceived => ({
      ...ReportReceivedEvent.example,
      reportId: randomUUID(),
      providerMessageId: `wamid.${randomUUID()}`,
      text: 'सड़क टूटी है',
      declaredUnitCode: undefined,
      channelEndpoint: undefined,
      keywords: [],
      sender: { kind: 'phone', e164 },
      senderKey: canonicalSenderKey({ kind: 'phone', e164 }),
    });
  const deliver = async (data: ReportReceived) => {
    const record = cloudEventRecord(ReportReceivedEvent, JSON.parse(JSON.stringify(data)) as ReportReceived, { id: data.reportId, source: '/connect-center/intake', correlationId: randomUUID() });
    await producer.send({ topic: Topics.ReportReceived, acks: -1, messages: [record] });
  };
  const attributedAs = (reportId: string) => reader.dataOf<ReportAttributed>(Topics.ReportAttributed).filter((each) => each.reportId === reportId);
  const attributionFrom = async (e164: string) => {
    const data = reportFrom(e164);
    await deliver(data);
    return (await waitFor(`attribution of ${data.reportId}`, () => attributedAs(data.reportId)[0])).attribution;
  };

  /** What a crash after writing a batch's attributions, before publishing them, leaves behind. */
  const leftOpen = async (report: ReportReceived, openedAt: Date) => {
    const batch = `crashed-${randomUUID()}`;
    const { sender: _sender, senderName: _senderName, ...rest } = report;
    const attribution: ReportAttributed['attribution'] = { trust: 'unknown', unitCode: 'JH-DHN', unitPath: ['IN', 'JH', 'JH-DHN'], unitSource: 'named-in-text', posts: [] };
    // As the service stores it: the driver writes an undefined field as null, mongoose leaves it out.
    const event = JSON.parse(JSON.stringify({ ...rest, attribution, attributedAt: openedAt.toISOString() })) as ReportAttributed;
    await store.collection('attribution_batches').insertOne({ _id: batch as never, openedAt, pending: true });
    await store.collection('attributions').insertOne({
      _id: report.reportId as never,
      unitCode: 'JH-DHN',
      attributedAt: openedAt,
      batch,
      outbox: [outboxEntry(ReportAttributedEvent, event, report.reportId)],
      outboxRelayed: 0,
    });
    return batch;
  };
  // Closed is deleted: the collection keeps only batches still to publish.
  const isClosed = async (batch: string) => (await store.collection('attribution_batches').findOne({ _id: batch as never })) === null;

  it('publishes what a crashed batch wrote when one of its reports comes again, once, as it was stored', async () => {
    const report = reportFrom(phone(7));
    // Opened "in an hour": the sweep leaves it alone during the test, so only the redelivery can publish it.
    const batch = await leftOpen(report, new Date(Date.now() + 3_600_000));
    await deliver(report);
    const event = await waitFor('the stored attribution published', () => attributedAs(report.reportId)[0]);
    expect(event.attribution).toMatchObject({ unitCode: 'JH-DHN', unitSource: 'named-in-text' });
    expect(await isClosed(batch)).toBe(true);
    await deliver(report);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(attributedAs(report.reportId)).toHaveLength(1);
  });

  it('deletes the batch once its attributions are published, keeping only open batches', async () => {
    const report = reportFrom(phone(9));
    await deliver(report);
    await waitFor('the attribution published', () => attributedAs(report.reportId)[0]);
    const stored = await store.collection<{ _id: string; batch?: string }>('attributions').findOne({ _id: report.reportId });
    expect(stored?.batch).toEqual(expect.any(String));
    await waitFor('its batch closed', () => isClosed(stored!.batch!));
  });

  it('publishes a batch left open by another process once it is older than the sweep interval', async () => {
    const report = reportFrom(phone(8));
    const batch = await leftOpen(report, new Date(Date.now() - 60_000));
    expect((await waitFor('the sweep to publish it', () => attributedAs(report.reportId)[0])).attribution.unitCode).toBe('JH-DHN');
    await waitFor('the batch closed', () => isClosed(batch));
  });

  it('attributes a moved phone to its new member, and a suspended member’s report as a known number only', async () => {
    const created = await call('POST', '/v1/members', member('Sunita Devi', [phone(1)], 'JH-RAN-KANKE'));
    expect(created.status).toBe(201);
    const sunita = (await created.json()) as { memberId: string; version: number };

    expect(await attributionFrom(phone(1))).toMatchObject({ memberId: sunita.memberId, trust: 'verified-member', unitCode: 'JH-RAN-KANKE' });
    expect(await attributionFrom(phone(2))).toMatchObject({ trust: 'unknown' });

    const moved = await call('PATCH', `/v1/members/${sunita.memberId}`, { ...member('Sunita Devi', [phone(2)], 'JH-RAN-BERO'), status: 'suspended' }, { 'if-match': String(sunita.version) });
    expect(moved.status).toBe(200);
    const taken = await call('POST', '/v1/members', member('Ramesh Kumar', [phone(1)], 'JH-RAN-ANGARA'));
    expect(taken.status).toBe(201);
    const ramesh = (await taken.json()) as { memberId: string };

    expect(await attributionFrom(phone(1))).toMatchObject({ memberId: ramesh.memberId, trust: 'verified-member', unitCode: 'JH-RAN-ANGARA' });
    expect(await attributionFrom(phone(2))).toMatchObject({ memberId: sunita.memberId, trust: 'known-number', unitCode: 'JH-RAN-BERO' });
  });
});
