import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import {
  type CaseEvent,
  type Member,
  MemberEvent,
  type OrgUnit,
  OrgUnitEvent,
  type ReportAttributed,
  ReportAttributedEvent,
  reportAttributedSchema,
  Topics,
} from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { type EventReader, principalToken, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../../services/grievance/src/app.module';
import { grievanceConfigSchema } from '../../services/grievance/src/config/grievance.config';
import { DEFAULT_SLA_POLICY } from '../../services/grievance/src/sla/sla-policy';

const JWT_SECRET = 'grievance-jwt-secret-0123456789abcdef';
const ISSUER = 'https://id.party.example';

/** CO complaints at a district must be acknowledged within 1.5 s here (12 h by default): the sweeper's test. */
const SHORT_CO_POLICY = {
  ...DEFAULT_SLA_POLICY,
  targets: DEFAULT_SLA_POLICY.targets.map((target) =>
    target.category === 'co-conduct' && target.level === 'district' ? { ...target, acknowledgeWithin: 1500, resolveWithin: 3000 } : target,
  ),
};

/**
 * Grievance against the real broker and store, fed real-shaped membership events: the units and
 * members topics build its read models, attributed reports open cases, the API shows them within
 * the guard, and the SLA sweeper escalates on the case events topic.
 */
describe('grievance', () => {
  const db = `grievance_${randomUUID().slice(0, 8)}`;
  const run = randomUUID().replaceAll('-', '').slice(0, 10);
  const M = {
    ranchiConvenor: `mbr_${run}_ran_conv`,
    ranchiPresident: `mbr_${run}_ran_pres`,
    kankePresident: `mbr_${run}_kan_pres`,
    kankeSecretary: `mbr_${run}_kan_secy`,
    kankeConvenor: `mbr_${run}_kan_conv`,
    worker: `mbr_${run}_kan_work`,
    stateHq: `mbr_${run}_jh_hq`,
  };
  const SENDER = `snd_${run}worker`;
  let grievance: RunningService;
  let replica: RunningService | undefined;
  let reader: EventReader;
  let store: mongoose.Connection;
  let producer: Producer;

  const now = () => new Date().toISOString();
  const unit = (code: string, level: OrgUnit['level'], path: string[]): OrgUnit => ({
    code,
    level,
    ...(path.length > 1 ? { parentCode: path[path.length - 2] } : {}),
    nameEn: code,
    path,
    committeeFormed: true,
    updatedAt: now(),
  });
  const member = (memberId: string, homeUnit: string[], posts: Member['posts']): Member => ({
    memberId,
    name: 'Member',
    status: 'active',
    homeUnitCode: homeUnit[homeUnit.length - 1],
    unitPath: homeUnit,
    language: 'hi',
    phones: [],
    identityKeys: [],
    consentToContact: true,
    posts,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: now(),
  });
  const RAN = ['IN', 'JH', 'JH-RAN'];
  const KANKE = [...RAN, 'JH-RAN-KANKE'];
  const held = (unitCode: string, post: Member['posts'][number]['post']) => [{ unitCode, post, from: '2025-01-01T00:00:00.000Z' }];

  const send = async (topic: string, messages: Parameters<Producer['send']>[0]['messages']) => producer.send({ topic, acks: -1, messages });
  const report = (text: string, senderKey = SENDER): ReportAttributed =>
    reportAttributedSchema.parse({
      ...ReportAttributedEvent.example,
      reportId: randomUUID(),
      providerMessageId: `wamid.${randomUUID()}`,
      senderKey,
      text,
      keywords: [],
      media: [],
      receivedAt: now(),
      attribution: { memberId: M.worker, trust: 'verified-member', unitCode: 'JH-RAN-KANKE', unitPath: KANKE, unitSource: 'member-home', posts: [] },
      attributedAt: now(),
    });
  const publishReport = async (data: ReportAttributed, copies = 1) => {
    const record = cloudEventRecord(ReportAttributedEvent, data, { id: data.reportId, source: '/connect-center/membership' });
    await send(Topics.ReportAttributed, Array.from({ length: copies }, () => record));
    return data;
  };
  const caseEvents = () => reader.dataOf<CaseEvent>(Topics.CaseEvents);
  const openedFor = (reportId: string) => waitFor(`a case for report ${reportId}`, () => store.collection('cases').findOne({ 'reports.reportId': reportId }));

  const token = (unitCode: string, roles: string[], memberId?: string, scope?: string) =>
    principalToken(JWT_SECRET, ISSUER, { unit: unitCode, roles, memberId, scope });
  const api = async (path: string, jwt: string, init: { method?: string; body?: unknown; url?: string } = {}) => {
    const response = await fetch(`${init.url ?? grievance.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${jwt}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { cases?: Array<Record<string, unknown>> } };
  };

  beforeAll(async () => {
    const env = {
      MONGODB_DB: db,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      GRIEVANCE_SWEEP_INTERVAL_MS: '300',
      GRIEVANCE_READ_MODEL_REFRESH_MS: '500',
      GRIEVANCE_SLA_POLICY: JSON.stringify(SHORT_CO_POLICY),
    };
    grievance = await startService(grievanceConfigSchema, (config) => AppModule.register(config), env);
    // On a new broker the case topic was just created by the service: its leader may take a moment.
    reader = await waitFor('a reader of the case events', () => readEvents([Topics.CaseEvents]).catch(() => undefined));
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
    producer = new Kafka({ clientId: 'grievance-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();

    const units = [unit('IN', 'national', ['IN']), unit('JH', 'state', ['IN', 'JH']), unit('JH-RAN', 'district', RAN), unit('JH-RAN-KANKE', 'block', KANKE), unit('JH-RAN-ANGARA', 'block', [...RAN, 'JH-RAN-ANGARA'])];
    await send(Topics.OrgUnit, units.map((data) => cloudEventRecord(OrgUnitEvent, data, { id: randomUUID(), source: '/connect-center/membership' })));
    const members = [
      member(M.ranchiConvenor, RAN, held('JH-RAN', 'grievance-convenor')),
      member(M.ranchiPresident, RAN, held('JH-RAN', 'president')),
      member(M.kankePresident, KANKE, held('JH-RAN-KANKE', 'president')),
      member(M.kankeSecretary, KANKE, held('JH-RAN-KANKE', 'secretary')),
      member(M.kankeConvenor, KANKE, held('JH-RAN-KANKE', 'grievance-convenor')),
      member(M.worker, KANKE, []),
    ];
    await send(Topics.Member, members.map((data) => cloudEventRecord(MemberEvent, data, { id: randomUUID(), source: '/connect-center/membership' })));
    // The read models are in memory once the convenor's queue knows his desk.
    const convenor = await token('JH-RAN', ['office-bearer'], M.ranchiConvenor);
    await waitFor('the read models', async () => (await api('/v1/cases/queue', convenor)).status === 200 || undefined);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    await replica?.stop();
    await grievance?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  it('stores the units and post holders it consumed, latest record per key, and seeds the default rules as version 1', async () => {
    expect(await store.collection('units').countDocuments()).toBe(5);
    expect(await store.collection('post_holders').findOne({ _id: M.kankePresident as never })).toMatchObject({ status: 'active', posts: [{ unitCode: 'JH-RAN-KANKE', post: 'president' }] });
    expect(await store.collection('post_holders').findOne({ _id: M.kankePresident as never }, { projection: { phones: 1, name: 1 } })).toEqual({ _id: M.kankePresident });
    const rules = await api('/v1/routing-rules', await token('JH', ['state-hq']));
    expect(rules).toMatchObject({ status: 200, body: { version: 1, createdBy: 'system' } });
    expect(await api('/v1/routing-rules', await token('JH-RAN', ['office-bearer'], M.ranchiPresident))).toMatchObject({ status: 403, body: { code: 'ACCESS.HQ_ONLY' } });
  });

  it('routes a BDO complaint from a block to the district grievance cell, on the state feed, and lets that desk act on it', async () => {
    const bdo = await publishReport(report('प्रखंड कार्यालय में BDO नहीं मिले, शिकायत दर्ज करें'));
    const stored = await openedFor(bdo.reportId);
    expect(stored).toMatchObject({
      status: 'open',
      category: 'bdo-conduct',
      partyUnit: { code: 'JH-RAN-KANKE' },
      handler: { desk: { kind: 'post', unitCode: 'JH-RAN', post: 'grievance-convenor' }, memberIds: [M.ranchiConvenor], ruleId: 'bdo', ruleSetVersion: 1 },
      version: 1,
    });
    const caseId = stored!._id as unknown as string;
    const opened = await waitFor('the opened event', () => caseEvents().find((event) => event.caseId === caseId && event.type === 'opened'));
    expect(opened).toMatchObject({ desk: { unitCode: 'JH-RAN', post: 'grievance-convenor' }, notify: { memberIds: [M.ranchiConvenor], reporters: [SENDER], feeds: ['state'] } });
    expect(reader.events.find((event) => event.data === opened)).toMatchObject({ key: caseId, headers: { ce_type: 'org.connectcenter.grievance.case.opened.v1', ce_id: `${caseId}:1:opened` } });

    const convenor = await token('JH-RAN', ['office-bearer'], M.ranchiConvenor);
    const queue = await api('/v1/cases/queue', convenor);
    expect(queue.body.cases?.map((c) => c.id)).toContain(caseId);
    const view = await api(`/v1/cases/${caseId}`, convenor);
    expect(view).toMatchObject({ status: 200, body: { id: caseId, reporters: [{ pseudonym: 'R1', trust: 'verified-member' }] } });
    expect(JSON.stringify(view.body)).not.toContain(SENDER);

    const acknowledged = await api(`/v1/cases/${caseId}/actions`, convenor, { method: 'POST', body: { type: 'acknowledge' } });
    expect(acknowledged).toMatchObject({ status: 200, body: { status: 'acknowledged', version: 2 } });
    await waitFor('the acknowledged event', () => caseEvents().find((event) => event.caseId === caseId && event.type === 'acknowledged'));
    const kankeConvenor = await token('JH-RAN-KANKE', ['office-bearer'], M.kankeConvenor);
    expect(await api(`/v1/cases/${caseId}/actions`, kankeConvenor, { method: 'POST', body: { type: 'start' } })).toMatchObject({ status: 404, body: { code: 'GUARD.NOT_VISIBLE' } });
    expect(await api(`/v1/cases/${caseId}/actions`, convenor, { method: 'POST', body: { type: 'close' } })).toMatchObject({ status: 400, body: { code: 'ACTION.INVALID' } });
    expect(await api(`/v1/cases/${caseId}/actions`, convenor, { method: 'POST', body: { type: 'comment', text: 'BDO\u0000 <script>' } })).toMatchObject({
      status: 400,
      body: { code: 'ACTION.INVALID', message: 'text: must not contain U+0000 (NUL)' },
    });

    const search = await api('/v1/cases?district=JH-RAN&category=bdo-conduct&status=acknowledged', await token('JH', ['state-hq']));
    expect(search.status).toBe(200);
    expect(search.body.cases?.map((c) => c.id)).toContain(caseId);
    expect(await api('/v1/cases?district=JH-RAN', convenor)).toMatchObject({ status: 403, body: { code: 'ACCESS.HQ_ONLY' } });
    expect(await api('/v1/cases?%24where=1', await token('JH', ['state-hq']))).toMatchObject({ status: 400, body: { code: 'SEARCH.OPERATOR_NOT_ALLOWED' } });
  });

  it('sends a complaint about the block president to the district, and never shows it to him or his committee', async () => {
    const complaint = await publishReport(report('प्रखंड अध्यक्ष पैसे मांग रहे हैं, शिकायत'));
    const stored = await openedFor(complaint.reportId);
    expect(stored).toMatchObject({
      category: 'office-bearer-conduct',
      handler: { desk: { unitCode: 'JH-RAN', post: 'president' }, memberIds: [M.ranchiPresident] },
      guard: { excludedMemberIds: expect.arrayContaining([M.kankePresident]), excludedUnitCodes: expect.arrayContaining(['JH-RAN-KANKE']) },
    });
    const caseId = stored!._id as unknown as string;
    const opened = await waitFor('the opened event', () => caseEvents().find((event) => event.caseId === caseId && event.type === 'opened'));
    expect(JSON.stringify(opened)).not.toContain(M.kankePresident);

    const hidden = { status: 404, body: { statusCode: 404, code: 'GUARD.NOT_VISIBLE', message: expect.any(String), correlationId: expect.any(String) } };
    const president = await token('JH-RAN-KANKE', ['office-bearer'], M.kankePresident);
    expect(await api(`/v1/cases/${caseId}`, president)).toMatchObject(hidden);
    expect(await api(`/v1/cases/${caseId}`, await token('JH-RAN', ['office-bearer'], M.kankePresident))).toMatchObject(hidden);
    expect(await api(`/v1/cases/${caseId}`, await token('JH-RAN-KANKE', ['office-bearer'], M.kankeSecretary))).toMatchObject(hidden);
    expect(await api('/v1/cases/case_doesnotexist0000', president)).toMatchObject(hidden);
    expect((await api('/v1/cases/queue', president)).body.cases?.map((c) => c.id)).not.toContain(caseId);
    expect(await api(`/v1/cases/${caseId}/actions`, president, { method: 'POST', body: { type: 'comment', text: 'मैं देखता हूँ' } })).toMatchObject(hidden);

    const districtPresident = await token('JH-RAN', ['office-bearer'], M.ranchiPresident);
    expect(await api(`/v1/cases/${caseId}`, districtPresident)).toMatchObject({ status: 200, body: { id: caseId } });
    expect((await api('/v1/cases/queue', districtPresident)).body.cases?.map((c) => c.id)).toContain(caseId);
  });

  it('opens one case for a report delivered several times', async () => {
    const ration = await publishReport(report('राशन कार्ड की शिकायत: तीन महीने से राशन नहीं मिला'), 2);
    const stored = await openedFor(ration.reportId);
    await publishReport(ration);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await store.collection('cases').countDocuments({ 'reports.reportId': ration.reportId })).toBe(1);
    expect(caseEvents().filter((event) => event.caseId === (stored!._id as unknown as string) && event.type === 'opened').map((event) => event.eventId)).toHaveLength(1);
    expect(stored).toMatchObject({ handler: { desk: { unitCode: 'JH-RAN-KANKE', post: 'grievance-convenor' } } });
  });

  it('merges a duplicate into a case, counts its reporter, and reopens the case when the reporter sends REOPEN and the reference', async () => {
    const OTHER_SENDER = `snd_${run}other`;
    const first = await openedFor((await publishReport(report('राशन डीलर तीन महीने से राशन नहीं दे रहा, शिकायत'))).reportId);
    const second = await openedFor((await publishReport(report('हमारे गाँव में भी राशन नहीं मिला, शिकायत', OTHER_SENDER))).reportId);
    const [targetId, duplicateId] = [first!._id as unknown as string, second!._id as unknown as string];
    const kankeConvenor = await token('JH-RAN-KANKE', ['office-bearer'], M.kankeConvenor);

    expect(await api(`/v1/cases/${targetId}/merge`, kankeConvenor, { method: 'POST', body: { duplicateId: '$where' } })).toMatchObject({ status: 400, body: { code: 'ACTION.INVALID' } });
    expect(await api(`/v1/cases/${targetId}/merge`, await token('JH-RAN-KANKE', ['office-bearer'], M.kankeSecretary), { method: 'POST', body: { duplicateId } })).toMatchObject({
      status: 403,
      body: { code: 'ACCESS.NOT_AT_DESK' },
    });
    const merged = await api(`/v1/cases/${targetId}/merge`, kankeConvenor, { method: 'POST', body: { duplicateId } });
    expect(merged).toMatchObject({ status: 200, body: { id: targetId, reporterCount: 2, mergedFrom: [duplicateId] } });
    expect(await store.collection('cases').findOne({ _id: duplicateId as never })).toMatchObject({ status: 'closed', closedAs: 'merged', mergedInto: { caseId: targetId } });
    const mergedEvent = await waitFor('the merged event', () => caseEvents().find((event) => event.caseId === targetId && event.type === 'merged'));
    expect(mergedEvent).toMatchObject({ reporterCount: 2 });
    await waitFor('the duplicate’s closed event', () => caseEvents().find((event) => event.caseId === duplicateId && event.type === 'closed'));
    // The same request again finds the work done and changes nothing.
    expect(await api(`/v1/cases/${targetId}/merge`, kankeConvenor, { method: 'POST', body: { duplicateId } })).toMatchObject({ status: 200, body: { reporterCount: 2 } });

    await api(`/v1/cases/${targetId}/actions`, kankeConvenor, { method: 'POST', body: { type: 'acknowledge' } });
    const resolved = await api(`/v1/cases/${targetId}/actions`, kankeConvenor, { method: 'POST', body: { type: 'resolve', outcome: 'actioned', note: 'डीलर को चेतावनी दी गई' } });
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved' } });
    const reference = first!.reference as string;

    // Someone who is not a reporter of the case cannot reopen it; the reporter can, from their channel.
    const commands = [
      await publishReport(report(`REOPEN ${reference}`, `snd_${run}stranger`)),
      await publishReport(report(`reopen ${reference.toLowerCase()} राशन अब भी नहीं मिला`, OTHER_SENDER)),
    ];
    const reopened = await waitFor('the reopened event', () => caseEvents().find((event) => event.caseId === targetId && event.type === 'reopened'));
    expect(reopened).toMatchObject({ actor: 'reporter:R2' });
    const after = await store.collection('cases').findOne({ _id: targetId as never });
    expect(after).toMatchObject({ status: 'acknowledged', reporterCount: 2 });
    // A command is not a complaint: it opened no case of its own.
    expect(await store.collection('cases').countDocuments({ 'reports.reportId': { $in: commands.map(({ reportId }) => reportId) } })).toBe(0);

    // The audit trail: every change, in order, each with who, when, why and the version it made.
    const audit = after!.audit as Array<{ at: Date; actor: string; action: string; from: string | null; to: string; version: number; reason?: string }>;
    expect(audit.map(({ action, actor }) => [action, actor])).toEqual([
      ['open', 'system'],
      ['absorb', M.kankeConvenor],
      ['acknowledge', M.kankeConvenor],
      ['resolve', M.kankeConvenor],
      ['reopen', 'reporter:R2'],
    ]);
    expect(audit.map(({ version }) => version)).toEqual([1, 2, 3, 4, 5]);
    expect(after!.version).toBe(5);
    expect(audit.every(({ at }) => at instanceof Date)).toBe(true);
    expect(audit.map(({ from, to }) => [from, to])).toEqual([
      [null, 'open'],
      ['open', 'open'],
      ['open', 'acknowledged'],
      ['acknowledged', 'resolved'],
      ['resolved', 'acknowledged'],
    ]);
    expect(audit.at(-1)!.reason).toContain('राशन अब भी नहीं मिला');
  });

  it('shows who complained only to a state HQ member with the unmask scope, for a reason, and records every look', async () => {
    const complaint = await openedFor((await publishReport(report('प्रखंड अध्यक्ष धमकी दे रहे हैं, शिकायत'))).reportId);
    const caseId = complaint!._id as unknown as string;
    const reason = { reason: 'the complainant must be called for the inquiry' };

    const hq = await token('JH', ['state-hq'], M.stateHq);
    const masked = await api(`/v1/cases/${caseId}`, hq);
    expect(masked).toMatchObject({ status: 200, body: { reporters: [{ pseudonym: 'R1' }] } });
    expect(JSON.stringify(masked.body)).not.toContain(SENDER);
    expect(await api(`/v1/cases/${caseId}/unmask`, hq, { method: 'POST', body: reason })).toMatchObject({ status: 403, body: { code: 'MASK.NOT_ALLOWED' } });
    const districtWithScope = await token('JH-RAN', ['office-bearer'], M.ranchiPresident, 'grievance:unmask');
    expect((await api(`/v1/cases/${caseId}/unmask`, districtWithScope, { method: 'POST', body: reason })).status).toBe(403);
    const unmasker = await token('JH', ['state-hq'], M.stateHq, 'grievance:unmask');
    expect(await api(`/v1/cases/${caseId}/unmask`, unmasker, { method: 'POST', body: { reason: 'because' } })).toMatchObject({ status: 400, body: { code: 'ACTION.INVALID' } });

    const unmasked = await api(`/v1/cases/${caseId}/unmask`, unmasker, { method: 'POST', body: reason });
    expect(unmasked).toMatchObject({ status: 200, body: { reporters: [{ pseudonym: 'R1', senderKey: SENDER, memberId: M.worker, unitCode: 'JH-RAN-KANKE' }] } });
    const audit = (await store.collection('cases').findOne({ _id: caseId as never }))!.audit as Array<{ action: string; actor: string; reason: string }>;
    expect(audit.filter((entry) => entry.action === 'unmask')).toEqual([expect.objectContaining({ actor: M.stateHq, reason: reason.reason })]);
    // Unmasking publishes nothing: the reporter's identity never travels on the case topic.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(caseEvents().filter((event) => event.caseId === caseId).map((event) => event.type)).toEqual(['opened']);
  });

  it('escalates a case nobody acknowledged in time, once, with two replicas sweeping, and publishes it', async () => {
    // A second replica on the same database: it rebuilds its read models from the store and sweeps too.
    replica = await startService(grievanceConfigSchema, (config) => AppModule.register(config), {
      MONGODB_DB: db,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      GRIEVANCE_SWEEP_INTERVAL_MS: '300',
      GRIEVANCE_SLA_POLICY: JSON.stringify(SHORT_CO_POLICY),
    });
    const replicaUrl = replica.url;
    const convenor = await token('JH-RAN', ['office-bearer'], M.ranchiConvenor);
    await waitFor('the replica’s read models', async () => (await api('/v1/cases/queue', convenor, { url: replicaUrl })).status === 200 || undefined);

    const co = await publishReport(report('अंचल अधिकारी दाखिल-खारिज नहीं कर रहे, शिकायत'));
    const stored = await openedFor(co.reportId);
    expect(stored).toMatchObject({ category: 'co-conduct', handler: { desk: { unitCode: 'JH-RAN', post: 'grievance-convenor' } } });
    const caseId = stored!._id as unknown as string;

    const escalated = await waitFor('the escalated event', () => caseEvents().find((event) => event.caseId === caseId && event.type === 'escalated'), { timeoutMs: 20000 });
    expect(escalated).toMatchObject({
      actor: 'system',
      reason: 'acknowledge-overdue',
      from: { unitCode: 'JH-RAN', post: 'grievance-convenor' },
      to: { kind: 'role', unitCode: 'JH', role: 'state-hq' },
      notify: { desks: [{ unitCode: 'JH', role: 'state-hq' }] },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await store.collection('cases').findOne({ _id: caseId as never });
    expect(after).toMatchObject({ status: 'open', handler: { desk: { kind: 'role', unitCode: 'JH', role: 'state-hq' } } });
    expect((after!.audit as Array<{ action: string }>).filter((entry) => entry.action === 'escalate')).toHaveLength(1);
    expect(new Set(caseEvents().filter((event) => event.caseId === caseId && event.type === 'escalated').map((event) => event.eventId)).size).toBe(1);
    // Three quarters into the 1.5 s, the desk was reminded once, before the case moved on.
    const reminders = caseEvents().filter((event) => event.caseId === caseId && event.type === 'deadline-approaching');
    expect(new Set(reminders.map((event) => event.eventId)).size).toBe(1);
    expect(reminders[0]).toMatchObject({ version: 2, deadline: 'acknowledge', notify: { memberIds: [M.ranchiConvenor], reporters: [] } });
    expect(escalated).toMatchObject({ version: 3, missedDeadline: reminders[0]!.dueAt });
    // The BDO case (12 h to acknowledge) is still where it was.
    expect(await store.collection('cases').countDocuments({ category: 'bdo-conduct', 'handler.desk.unitCode': 'JH-RAN' })).toBe(1);
  });
});
