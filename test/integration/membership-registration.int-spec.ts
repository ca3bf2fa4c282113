import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import { type Member, type OrgUnit, type ReportAttributed, type ReportReceived, ReportReceivedEvent, Topics } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import { cloudEventRecord } from '@cc/messaging';
import { type EventReader, principalToken, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../../services/membership/src/app.module';
import { membershipConfigSchema } from '../../services/membership/src/config/membership.config';
import { memberIdFor } from '../../services/membership/src/members/store/members.repository';

const JWT_SECRET = 'membership-registration-jwt-secret-0123456789';
const ISSUER = 'https://id.party.example';

interface RegistrationView {
  id: string;
  status: string;
  unitCode: string;
  name?: string;
  sender: { kind: string; phone?: string };
  memberId?: string;
  decision?: { by: string; asPost?: { unitCode: string; post: string } };
}

/**
 * Membership's registration, units and committees APIs against the real broker and store: JOIN by
 * an unknown sender, decided by the right office-bearer only, becomes a member; units imported
 * within a district; posts assigned, refused, ended.
 */
describe('membership registration, units and committees', () => {
  const db = `membership_reg_${randomUUID().slice(0, 8)}`;
  const run = randomUUID().slice(0, 6).toUpperCase();
  const digits = run.replace(/\D/g, '').padEnd(4, '7').slice(0, 4);
  const phone = (n: number) => `+9197${digits}${String(n).padStart(4, '0')}`;
  let membership: RunningService;
  let reader: EventReader;
  let store: mongoose.Connection;
  let producer: Producer;

  const ranchiPresident = { e164: phone(1), id: memberIdFor({ kind: 'phone', e164: phone(1) }) };
  const dhanbadPresident = { e164: phone(2), id: memberIdFor({ kind: 'phone', e164: phone(2) }) };
  const ranchiWorker = { e164: phone(3), id: memberIdFor({ kind: 'phone', e164: phone(3) }) };
  const kankeA = { e164: phone(4), id: memberIdFor({ kind: 'phone', e164: phone(4) }) };
  const kankeB = { e164: phone(5), id: memberIdFor({ kind: 'phone', e164: phone(5) }) };

  beforeAll(async () => {
    membership = await startService(membershipConfigSchema, (config) => AppModule.register(config), { MONGODB_DB: db, AUTH_JWT_SECRET: JWT_SECRET, AUTH_JWT_ISSUER: ISSUER });
    reader = await readEvents([Topics.Member, Topics.OrgUnit, Topics.ReportAttributed]);
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
    producer = new Kafka({ clientId: 'membership-registration-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();

    const csv = [
      'name,phone,home_unit,post,consent',
      `Ranchi President,${ranchiPresident.e164},JH-RAN,president,yes`,
      `Dhanbad President,${dhanbadPresident.e164},JH-DHN,president,yes`,
      `Ranchi Worker,${ranchiWorker.e164},JH-RAN,,yes`,
      `Kanke Worker A,${kankeA.e164},JH-RAN-KANKE,,yes`,
      `Kanke Worker B,${kankeB.e164},JH-RAN-KANKE,,yes`,
    ].join('\n');
    const imported = await post('/v1/members/import', await token('JH', ['state-hq']), csv, 'text/csv');
    expect(await imported.json()).toMatchObject({ created: 5, rejected: 0 });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    await membership?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  const token = (unit: string, roles: string[], memberId?: string) =>
    principalToken(JWT_SECRET, ISSUER, { unit, roles, memberId, subject: `user-${unit}-${memberId ?? 'hq'}` });
  const ranchi = () => token('JH-RAN', ['office-bearer'], ranchiPresident.id);
  const dhanbad = () => token('JH-DHN', ['office-bearer'], dhanbadPresident.id);

  async function post(path: string, jwt: string, body?: unknown, contentType = 'application/json') {
    return fetch(`${membership.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  }
  async function get(path: string, jwt: string) {
    return fetch(`${membership.url}${path}`, { headers: { authorization: `Bearer ${jwt}` } });
  }
  const pending = async (jwt: string, unit = 'JH-RAN') =>
    ((await (await get(`/v1/registrations?unit=${unit}&status=pending`, jwt)).json()) as { registrations: RegistrationView[] }).registrations;

  /** A report as intake publishes it, delivered twice (as a redelivery would). */
  async function publish(e164: string, text: string, extra: Partial<ReportReceived> = {}): Promise<ReportReceived> {
    const sender = { kind: 'phone', e164 } as const;
    const data: ReportReceived = {
      ...ReportReceivedEvent.example,
      reportId: randomUUID(),
      providerMessageId: `wamid.${randomUUID()}`,
      sender,
      senderKey: canonicalSenderKey(sender),
      senderName: undefined,
      text,
      script: /[\u0900-\u097f]/.test(text) ? 'devanagari' : 'latin',
      language: /[\u0900-\u097f]/.test(text) ? 'hi' : 'en',
      keywords: [],
      declaredUnitCode: undefined,
      channelEndpoint: undefined,
      receivedAt: new Date().toISOString(),
      ...extra,
    };
    const record = cloudEventRecord(ReportReceivedEvent, JSON.parse(JSON.stringify(data)) as ReportReceived, { id: data.reportId, source: '/connect-center/intake', correlationId: randomUUID() });
    await producer.send({ topic: Topics.ReportReceived, acks: -1, messages: [record, record] });
    return data;
  }
  const attributed = (reportId: string) => reader.dataOf<ReportAttributed>(Topics.ReportAttributed).find((report) => report.reportId === reportId);
  const memberEvents = () => reader.dataOf<Member>(Topics.Member);

  describe('registration by JOIN', () => {
    const joiner = phone(11);
    let registration: RegistrationView;

    it('keeps one pending registration per unknown sender, moved by a later JOIN, with the number masked', async () => {
      const first = await publish(joiner, 'JOIN Angara block - Ramesh Kumar');
      await waitFor('the first JOIN attributed', () => attributed(first.reportId));
      await publish(joiner, 'JOIN Kanke');
      registration = await waitFor('the registration moved to Kanke', async () => (await pending(await ranchi())).find((each) => each.unitCode === 'JH-RAN-KANKE'));
      expect(registration).toMatchObject({ status: 'pending', name: 'Ramesh Kumar', sender: { kind: 'phone', phone: `+91******${joiner.slice(-4)}` } });
      expect(await store.collection('registrations').countDocuments({ senderKey: canonicalSenderKey({ kind: 'phone', e164: joiner }) })).toBe(1);
      expect(JSON.stringify(await pending(await ranchi()))).not.toContain(joiner.slice(3));
      expect(memberEvents().some((member) => member.phones.includes(joiner))).toBe(false);
    });

    it('stores nothing for an ambiguous unit, and counts why', async () => {
      const report = await publish(phone(12), 'JOIN Chainpur - Sita Devi');
      await waitFor('the ambiguous JOIN attributed', () => attributed(report.reportId));
      const metrics = await waitFor('the ambiguous JOIN counted', async () => {
        const text = await (await fetch(`${membership.url}/metrics`)).text();
        return /membership_registration_requests_total\{[^}]*outcome="unit_ambiguous"[^}]*\} 1/.test(text) && text;
      });
      expect(metrics).not.toContain(phone(12).slice(3));
      expect(await store.collection('registrations').countDocuments({ senderKey: canonicalSenderKey({ kind: 'phone', e164: phone(12) }) })).toBe(0);
    });

    it('is neither listed for nor decided by the president of another district (404, as if it did not exist)', async () => {
      expect(JSON.stringify(await pending(await dhanbad(), 'JH-DHN'))).not.toContain(registration.id);
      const outside = await get('/v1/registrations?unit=JH-RAN', await dhanbad());
      expect(outside.status).toBe(403);
      expect(await outside.json()).toMatchObject({ code: 'ACCESS.OUTSIDE_SUBTREE' });
      const approve = await post(`/v1/registrations/${registration.id}/approve`, await dhanbad());
      expect(approve.status).toBe(404);
      expect(await approve.json()).toMatchObject({ code: 'REGISTRATION.NOT_FOUND' });
    });

    it('is not decided by a caller in the district who holds no post there', async () => {
      const response = await post(`/v1/registrations/${registration.id}/approve`, await token('JH-RAN', ['office-bearer'], ranchiWorker.id));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'REGISTRATION.NOT_AN_OFFICE_BEARER' });
    });

    it('becomes a member when the district president approves, published with the phone’s identity, and their next report is theirs', async () => {
      const response = await post(`/v1/registrations/${registration.id}/approve`, await ranchi(), {});
      expect(response.status).toBe(200);
      const approved = (await response.json()) as RegistrationView;
      expect(approved).toMatchObject({ status: 'approved', memberId: memberIdFor({ kind: 'phone', e164: joiner }), decision: { by: ranchiPresident.id, asPost: { unitCode: 'JH-RAN', post: 'president' } } });

      const member = await waitFor('the new member’s event', () => memberEvents().find((each) => each.memberId === approved.memberId));
      expect(member).toMatchObject({ name: 'Ramesh Kumar', status: 'active', homeUnitCode: 'JH-RAN-KANKE', unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'], language: 'en', phones: [joiner], posts: [] });
      expect(member.identityKeys).toContain(canonicalSenderKey({ kind: 'phone', e164: joiner }));

      const again = await post(`/v1/registrations/${registration.id}/approve`, await ranchi());
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ code: 'REGISTRATION.ALREADY_DECIDED' });

      const later = await publish(joiner, 'Kanke block office me BDO nahi mile');
      const attribution = (await waitFor('the new member’s report attributed', () => attributed(later.reportId))).attribution;
      expect(attribution).toMatchObject({ memberId: approved.memberId, trust: 'verified-member', unitCode: 'JH-RAN-KANKE' });
    });

    it('needs a reason to reject, and refuses to approve after a rejection', async () => {
      const other = phone(13);
      await publish(other, 'जुड़ें रांची जिला, मेरा नाम सीता देवी है');
      const request = await waitFor('the Hindi JOIN pending', async () => (await pending(await ranchi())).find((each) => each.name === 'सीता देवी'));
      expect(request).toMatchObject({ unitCode: 'JH-RAN' });
      const withoutReason = await post(`/v1/registrations/${request.id}/reject`, await ranchi(), {});
      expect(withoutReason.status).toBe(400);
      expect(await withoutReason.json()).toMatchObject({ code: 'REGISTRATION.REASON_REQUIRED' });
      const rejected = await post(`/v1/registrations/${request.id}/reject`, await token('JH', ['state-hq']), { reason: 'not known in Kanke' });
      expect(rejected.status).toBe(200);
      expect(await rejected.json()).toMatchObject({ status: 'rejected', decision: { reason: 'not known in Kanke', asRole: { role: 'state-hq', unitCode: 'JH' } } });
      const approve = await post(`/v1/registrations/${request.id}/approve`, await ranchi());
      expect(approve.status).toBe(409);
      expect(await approve.json()).toMatchObject({ code: 'REGISTRATION.ALREADY_DECIDED' });
    });
  });

  describe('units', () => {
    const inside = `PAN-${run}-1`;
    const outside = `PAN-${run}-2`;
    const file = ['code,level,parent_code,name_en,name_hi', `${inside},panchayat,JH-RAN-KANKE,Naya Gaon ${run},नया गाँव`, `${outside},panchayat,JH-DHN-BAGHMARA,Dur Gaon ${run},`].join('\n');

    it('takes a district president’s panchayats inside the district and refuses those outside by line', async () => {
      const response = await post('/v1/units/import', await ranchi(), file, 'text/csv');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        rowsRead: 2,
        added: 1,
        rejected: 1,
        units: { added: [inside] },
        errors: [{ line: 3, code: 'ACCESS.OUTSIDE_SUBTREE' }],
      });

      const children = (await (await get('/v1/units?parent=JH-RAN-KANKE', await dhanbad())).json()) as { units: Array<{ code: string }> };
      expect(children.units.map((unit) => unit.code)).toContain(inside);
      expect(await (await get(`/v1/units/${inside.toLowerCase()}`, await dhanbad())).json()).toMatchObject({
        code: inside,
        level: 'panchayat',
        nameHi: 'नया गाँव',
        path: [{ code: 'IN' }, { code: 'JH' }, { code: 'JH-RAN' }, { code: 'JH-RAN-KANKE' }, { code: inside }],
        children: [],
      });
      expect((await get(`/v1/units/${outside}`, await ranchi())).status).toBe(404);

      const event = await waitFor('the new panchayat on the unit topic', () => reader.dataOf<OrgUnit>(Topics.OrgUnit).find((unit) => unit.code === inside));
      expect(event).toMatchObject({ level: 'panchayat', parentCode: 'JH-RAN-KANKE', path: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE', inside] });
    });

    it('changes nothing when the same file comes again', async () => {
      const again = await post('/v1/units/import', await ranchi(), file, 'text/csv');
      expect(await again.json()).toMatchObject({ added: 0, unchanged: 1, rejected: 1 });
      expect(await store.collection('units').countDocuments({ _id: inside as never })).toBe(1);
    });
  });

  describe('committee posts', () => {
    const assign = async (memberId: string, body: unknown) => post(`/v1/members/${memberId}/posts`, await ranchi(), body);

    it('seats one president at a time, one post per member, and keeps the history in the member event', async () => {
      const seated = await assign(kankeA.id, { unitCode: 'JH-RAN-KANKE', post: 'president', from: '2025-01-01T00:00:00+05:30' });
      expect(seated.status).toBe(200);
      expect(await seated.json()).toMatchObject({ changed: true, tenure: { unitCode: 'JH-RAN-KANKE', post: 'president' } });

      const second = await assign(kankeB.id, { unitCode: 'JH-RAN-KANKE', post: 'अध्यक्ष' });
      expect(second.status).toBe(409);
      expect(await second.json()).toMatchObject({ code: 'COMMITTEE.POST_OCCUPIED' });
      const twoPosts = await assign(kankeA.id, { unitCode: 'JH-RAN-KANKE', post: 'treasurer' });
      expect(twoPosts.status).toBe(409);
      expect(await twoPosts.json()).toMatchObject({ code: 'COMMITTEE.ALREADY_HOLDS_POST' });
      const elsewhere = await post(`/v1/members/${kankeB.id}/posts`, await dhanbad(), { unitCode: 'JH-RAN-KANKE', post: 'president' });
      expect(elsewhere.status).toBe(403);
      const outsider = await assign(dhanbadPresident.id, { unitCode: 'JH-RAN', post: 'secretary' });
      expect(outsider.status).toBe(403);
      expect(await outsider.json()).toMatchObject({ code: 'ACCESS.OUTSIDE_SUBTREE' });

      const ended = await post(`/v1/members/${kankeA.id}/posts/end`, await ranchi(), { unitCode: 'JH-RAN-KANKE', post: 'president' });
      expect(ended.status).toBe(200);
      expect((await assign(kankeB.id, { unitCode: 'JH-RAN-KANKE', post: 'president' })).status).toBe(200);

      const history = await waitFor('A’s member event with the ended tenure', () =>
        memberEvents().find((member) => member.memberId === kankeA.id && member.posts.some((tenure) => tenure.to !== undefined)),
      );
      expect(history.posts).toEqual([{ unitCode: 'JH-RAN-KANKE', post: 'president', from: '2024-12-31T18:30:00.000Z', to: expect.any(String) }]);
      await waitFor('B’s member event as president', () => memberEvents().find((member) => member.memberId === kankeB.id && member.posts.some((tenure) => tenure.post === 'president' && !tenure.to)));

      const committee = (await (await get('/v1/units/JH-RAN-KANKE/committee', await ranchi())).json()) as {
        officeBearers: Array<{ memberId: string; post: string; name: string }>;
        history: Array<{ memberId: string; to?: string }>;
      };
      expect(committee.officeBearers).toEqual([expect.objectContaining({ memberId: kankeB.id, post: 'president', name: 'Kanke Worker B' })]);
      expect(committee.history.map((tenure) => [tenure.memberId, tenure.to !== undefined])).toEqual([
        [kankeA.id, true],
        [kankeB.id, false],
      ]);
      expect((await get('/v1/units/JH-RAN-KANKE/committee', await dhanbad())).status).toBe(403);
    });

    it('seats exactly one of two presidents asked for at the same time', async () => {
      const body = { unitCode: 'JH-RAN-ANGARA', post: 'president' };
      const responses = await Promise.all([assign(kankeA.id, body), assign(ranchiWorker.id, body)]);
      const answers = await Promise.all(responses.map(async (response) => [response.status, ((await response.json()) as { code?: string }).code]));
      expect(answers.sort()).toEqual([
        [200, undefined],
        [409, 'COMMITTEE.POST_OCCUPIED'],
      ]);
      const committee = (await (await get('/v1/units/JH-RAN-ANGARA/committee', await ranchi())).json()) as { officeBearers: unknown[] };
      expect(committee.officeBearers).toHaveLength(1);
    });
  });
});
