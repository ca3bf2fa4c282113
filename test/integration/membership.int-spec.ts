import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import { type Member, type ReportAttributed, type ReportReceived, ReportReceivedEvent, Topics } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import { cloudEventRecord } from '@cc/messaging';
import { type EventReader, principalToken, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../../services/membership/src/app.module';
import { membershipConfigSchema } from '../../services/membership/src/config/membership.config';

const JWT_SECRET = 'membership-jwt-secret-0123456789abcdef';
const ISSUER = 'https://id.party.example';
const WA_ENDPOINT = '106540352242922';

/** Membership against the real broker and store: seed, import, scoped access, attribution. */
describe('membership', () => {
  const db = `membership_${randomUUID().slice(0, 8)}`;
  const run = randomUUID().slice(0, 6).toUpperCase();
  let membership: RunningService;
  let reader: EventReader;
  let store: mongoose.Connection;
  let producer: Producer;

  beforeAll(async () => {
    membership = await startService(membershipConfigSchema, (config) => AppModule.register(config), {
      MONGODB_DB: db,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      MEMBERSHIP_CHANNEL_STATES: `${WA_ENDPOINT}=JH`,
    });
    reader = await readEvents([Topics.ReportAttributed, Topics.Member]);
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
    producer = new Kafka({ clientId: 'membership-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    await membership?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  const token = (unit: string, roles: string[]) => principalToken(JWT_SECRET, ISSUER, { unit, roles });
  const importCsv = async (csv: string, jwt?: string) =>
    fetch(`${membership.url}/v1/members/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
      body: csv,
    });
  const phone = (n: number) => `98${run.replace(/\D/g, '').padEnd(4, '7').slice(0, 4)}${String(n).padStart(4, '0')}`;
  const memberEvents = () => reader.dataOf<Member>(Topics.Member);
  const attributed = (reportId: string) => reader.dataOf<ReportAttributed>(Topics.ReportAttributed).filter((report) => report.reportId === reportId);

  it('stores the reference organisation: India, 8 states, 24 districts, 264 blocks', async () => {
    expect(await store.collection('units').countDocuments()).toBe(297);
    expect(await store.collection('units').findOne({ _id: 'JH-RAN-KANKE' as never })).toMatchObject({ level: 'block', parentCode: 'JH-RAN', nameEn: 'Kanke' });
  });

  describe('member import', () => {
    const csv = (rows: string[]) => ['name,phone,home_unit,language,post,app_user_id,consent,whatsapp_bsuid', ...rows].join('\r\n');
    const good = [
      `Sunita Devi,${phone(1)},JH-RAN-KANKE,hi,president,app-${run}-1,yes,`,
      `Ramesh Oraon,+91 ${phone(2)},JH-RAN-ANGARA,en,,,no,IN.${run}.ramesh`,
      `"Kumar, Ajay",0${phone(3)};${phone(4)},JH-RAN,hi,secretary,,yes,`,
    ];

    it('imports good rows, reports bad ones by line, and publishes each member without duplicates on a re-import', async () => {
      const jwt = await token('JH', ['state-hq']);
      const file = csv([...good, `No Phone,,JH-RAN,hi,,,yes,`, `Bad Unit,${phone(5)},JH-NOWHERE,hi,,,yes,`, `Bad Phone,12345,JH-RAN,hi,,,yes,`]);
      const first = await importCsv(file, jwt);
      expect(first.status).toBe(200);
      const summary = (await first.json()) as { rowsRead: number; created: number; updated: number; rejected: number; errors: Array<{ line: number; code: string; reason: string }> };
      expect(summary).toMatchObject({ rowsRead: 6, created: 3, updated: 0, rejected: 3 });
      expect(summary.errors.map((error) => error.line)).toEqual([5, 6, 7]);
      expect(JSON.stringify(summary.errors)).not.toContain('12345');

      const again = (await (await importCsv(file, jwt)).json()) as { created: number; updated: number };
      expect(again).toMatchObject({ created: 0, updated: 3 });
      expect(await store.collection('members').countDocuments()).toBe(3);

      const sunita = await waitFor('Sunita’s member event', () => memberEvents().find((member) => member.appUserId === `app-${run}-1`));
      expect(sunita).toMatchObject({
        name: 'Sunita Devi',
        homeUnitCode: 'JH-RAN-KANKE',
        unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
        phones: [`+91${phone(1)}`],
        posts: [{ unitCode: 'JH-RAN-KANKE', post: 'president' }],
        consentToContact: true,
      });
      expect(sunita.identityKeys).toEqual(expect.arrayContaining([canonicalSenderKey({ kind: 'phone', e164: `+91${phone(1)}` })]));
    });

    it('lets a district president import into their district only, and nobody without a valid token', async () => {
      const ranchi = await token('JH-RAN', ['office-bearer']);
      const file = csv([`Inside Ranchi,${phone(11)},JH-RAN-BERO,hi,,,yes,`, `Outside Dhanbad,${phone(12)},JH-DHN-BAGHMARA,hi,,,yes,`]);
      const summary = (await (await importCsv(file, ranchi)).json()) as { created: number; rejected: number; errors: Array<{ line: number; code: string }> };
      expect(summary).toMatchObject({ created: 1, rejected: 1, errors: [{ line: 3, code: 'ACCESS.OUTSIDE_SUBTREE' }] });
      expect(await store.collection('members').countDocuments({ homeUnitCode: 'JH-DHN-BAGHMARA' })).toBe(0);

      expect((await importCsv(file)).status).toBe(401);
      expect((await importCsv(file, 'not.a.token')).status).toBe(401);
      const wrongLevel = await importCsv(file, await token('JH-RAN', ['aicc-admin']));
      expect(wrongLevel.status).toBe(403);
      expect(await wrongLevel.json()).toMatchObject({ code: 'ACCESS.ROLE_NOT_AT_LEVEL' });
    });
  });

  describe('attribution', () => {
    const publish = async (report: Partial<ReportReceived> & Pick<ReportReceived, 'sender'>) => {
      const data: ReportReceived = {
        ...ReportReceivedEvent.example,
        reportId: randomUUID(),
        providerMessageId: `wamid.${randomUUID()}`,
        text: 'सड़क टूटी है',
        declaredUnitCode: undefined,
        channelEndpoint: undefined,
        keywords: [],
        ...report,
        senderKey: canonicalSenderKey(report.sender),
      };
      const record = cloudEventRecord(ReportReceivedEvent, JSON.parse(JSON.stringify(data)) as ReportReceived, { id: data.reportId, source: '/connect-center/intake', correlationId: randomUUID() });
      await producer.send({ topic: Topics.ReportReceived, acks: -1, messages: [record, record] });
      return data;
    };
    const attributionOf = async (report: ReportReceived) => (await waitFor(`attribution of ${report.reportId}`, () => attributed(report.reportId)[0])).attribution;

    it('finds a member by any of their phones, their app user id and their WhatsApp BSUID, with their unit path and posts', async () => {
      await waitFor('Sunita imported', () => store.collection('members').findOne({ appUserId: `app-${run}-1` }));
      const byPhone = await attributionOf(await publish({ sender: { kind: 'phone', e164: `+91${phone(1)}` } }));
      expect(byPhone).toMatchObject({
        memberId: expect.stringMatching(/^mbr_/),
        trust: 'verified-member',
        unitCode: 'JH-RAN-KANKE',
        unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
        unitSource: 'member-home',
        posts: [{ unitCode: 'JH-RAN-KANKE', post: 'president' }],
      });
      const byApp = await attributionOf(await publish({ channel: 'app', provider: 'app', sender: { kind: 'app-user', id: `app-${run}-1` } }));
      expect(byApp.memberId).toBe(byPhone.memberId);
      const secondPhone = await attributionOf(await publish({ sender: { kind: 'phone', e164: `+91${phone(4)}` } }));
      expect(secondPhone).toMatchObject({ trust: 'verified-member', unitCode: 'JH-RAN', posts: [{ post: 'secretary' }] });
      const byBsuid = await attributionOf(await publish({ sender: { kind: 'whatsapp-bsuid', id: `IN.${run}.ramesh` } }));
      const byRameshPhone = await attributionOf(await publish({ sender: { kind: 'phone', e164: `+91${phone(2)}` } }));
      expect(byBsuid).toMatchObject({ trust: 'verified-member', unitCode: 'JH-RAN-ANGARA', memberId: byRameshPhone.memberId });
    });

    it('places an unknown sender by declared unit, by a unit named in the text, by the channel number’s state, or nationally', async () => {
      const stranger = (n: number) => ({ kind: 'phone', e164: `+917${run.replace(/\D/g, '').padEnd(3, '3').slice(0, 3)}00000${n}` }) as const;
      expect(await attributionOf(await publish({ sender: stranger(1), declaredUnitCode: 'JH-RAN-BERO' }))).toEqual({
        trust: 'unknown',
        unitCode: 'JH-RAN-BERO',
        unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-BERO'],
        unitSource: 'declared',
        posts: [],
      });
      expect(await attributionOf(await publish({ sender: stranger(2), text: 'Kanke block me BDO sahab nahi aate' }))).toMatchObject({ unitCode: 'JH-RAN-KANKE', unitSource: 'named-in-text' });
      expect(await attributionOf(await publish({ sender: stranger(3), text: 'धनबाद जिला में राशन नहीं मिला' }))).toMatchObject({ unitCode: 'JH-DHN', unitSource: 'named-in-text' });
      expect(await attributionOf(await publish({ sender: stranger(4), channelEndpoint: { id: WA_ENDPOINT } }))).toMatchObject({ unitCode: 'JH', unitPath: ['IN', 'JH'], unitSource: 'unassigned' });
      expect(await attributionOf(await publish({ sender: stranger(5) }))).toMatchObject({ unitCode: 'IN', unitSource: 'unassigned' });
    });

    it('attributes a report delivered twice once, and never puts a phone number on the attributed topic', async () => {
      const report = await publish({ sender: { kind: 'phone', e164: `+91${phone(2)}` } });
      await attributionOf(report);
      await publish({ ...report, sender: { kind: 'phone', e164: `+91${phone(2)}` } });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(attributed(report.reportId)).toHaveLength(1);
      const all = JSON.stringify(reader.dataOf(Topics.ReportAttributed));
      for (const n of [1, 2, 3, 4]) expect(all).not.toContain(phone(n));
    });
  });
});
