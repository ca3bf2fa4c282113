import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import {
  CASE_EVENT_DEFINITIONS,
  type CaseEvent,
  type CaseEventType,
  type Member,
  MemberEvent,
  type OrgUnit,
  OrgUnitEvent,
  type ReportAttributed,
  ReportAttributedEvent,
  Topics,
} from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { principalToken, type ServiceProcess, spawnService, startGroupAtEnd, waitFor, waitUntilReady } from '@cc/testing';

const JWT_SECRET = 'reporting-jwt-secret-0123456789abcdef';
const ISSUER = 'https://id.party.example';
const HOUR = 3_600_000;
/** Enough that holding the export (≈ 45 MB of CSV, ≫ 300 MB as row objects) stands well clear of GC noise (10–45 MB measured). */
const EXPORT_ROWS = 300_000;
const SERVER_HEAP_MB = 96;

/** An API answer as the test reads it: loosely, each assertion says what it expects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = Record<string, any>;

/**
 * The aggregates end to end: real membership and grievance events on the broker (some delivered
 * twice, some out of order), the built reporting service as its own process, its API from outside.
 */
describe('reporting aggregates', () => {
  const run = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
  // Jharkhand: the HQ feeds (reporting's other consumer of these topics) refuse a state without a feed.
  const S = 'JH';
  const D1 = `JH-T${run}1`;
  const D2 = `JH-T${run}2`;
  const B1 = `${D1}-B1`;
  const B2 = `${D1}-B2`;
  const B3 = `${D2}-B3`;
  const P1 = `${B1}-P1`;
  const P2 = `${B1}-P2`;
  const path = (code: string): string[] => {
    const parents: Record<string, string[]> = { [S]: ['IN'], [D1]: ['IN', S], [D2]: ['IN', S], [B1]: ['IN', S, D1], [B2]: ['IN', S, D1], [B3]: ['IN', S, D2], [P1]: ['IN', S, D1, B1], [P2]: ['IN', S, D1, B1] };
    return [...parents[code]!, code];
  };
  const db = `reporting_agg_${run.toLowerCase()}`;
  const groupId = `reporting-agg-test-${run}`;
  let reporting: ServiceProcess;
  let producer: Producer;
  let store: mongoose.Connection;

  const send = (topic: string, messages: Message[]) => producer.send({ topic, acks: -1, messages });
  const now = new Date();
  const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
  const token = (unit: string, roles: string[]) => principalToken(JWT_SECRET, ISSUER, { unit, roles });
  const api = async (route: string, jwt?: string) => {
    const response = await fetch(`${reporting.url}${route}`, { headers: jwt ? { authorization: `Bearer ${jwt}` } : {} });
    return { status: response.status, body: (await response.json()) as Answer };
  };

  const unit = (code: string, level: OrgUnit['level']): OrgUnit => ({
    code,
    level,
    ...(code === 'IN' ? {} : { parentCode: path(code).at(-2) }),
    nameEn: `Unit ${code}`,
    nameHi: `इकाई ${code}`,
    path: code === 'IN' ? ['IN'] : path(code),
    committeeFormed: false,
    updatedAt: now.toISOString(),
  });
  const member = (memberId: string, posts: Member['posts']): Member => ({
    ...MemberEvent.example,
    memberId,
    homeUnitCode: B1,
    unitPath: path(B1),
    phones: [],
    identityKeys: [],
    posts,
    updatedAt: now.toISOString(),
  });
  const report = (code: string, channel: ReportAttributed['channel']): ReportAttributed => ({
    ...(ReportAttributedEvent.example as ReportAttributed),
    reportId: randomUUID(),
    channel,
    senderKey: `snd_${run}_${channel}`,
    receivedAt: iso(60_000),
    declaredUnitCode: code,
    attribution: { trust: 'unknown', unitCode: code, unitPath: path(code), unitSource: 'declared', posts: [] },
    attributedAt: iso(50_000),
  });
  const caseEvent = (caseId: string, code: string, type: CaseEventType, version: number, at: string, extra: Record<string, unknown> = {}): CaseEvent => {
    const { dueAt: _dueAt, ...example } = CASE_EVENT_DEFINITIONS[type].example as CaseEvent;
    return {
      ...example,
      caseId,
      eventId: `${caseId}:${version}:${type}`,
      version,
      occurredAt: at,
      severity: 'normal',
      partyUnitCode: code,
      partyUnitPath: path(code),
      desk: { kind: 'post', unitCode: path(code)[2]!, level: 'district', post: 'grievance-convenor' },
      ...extra,
    } as CaseEvent;
  };
  const caseRecord = (data: CaseEvent) => cloudEventRecord(CASE_EVENT_DEFINITIONS[data.type], data as never, { id: data.eventId, source: '/connect-center/grievance' });

  beforeAll(async () => {
    await startGroupAtEnd(groupId);
    reporting = await spawnService('reporting', {
      MONGODB_DB: db,
      KAFKA_GROUP_ID: groupId,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      REPORTING_LIVE_INTERVAL_MS: '300',
      REPORTING_REFRESH_MS: '1000',
      // A heap far below what 300 000 export rows take as objects (see the export test): holding them would kill it.
      NODE_OPTIONS: `--max-old-space-size=${SERVER_HEAP_MB}`,
    });
    await waitUntilReady(reporting);
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
    producer = new Kafka({ clientId: 'reporting-agg-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();

    await send(Topics.OrgUnit, [unit('IN', 'national'), unit(S, 'state'), unit(D1, 'district'), unit(D2, 'district'), unit(B1, 'block'), unit(B2, 'block'), unit(B3, 'block'), unit(P1, 'panchayat'), unit(P2, 'panchayat')].map((data) => cloudEventRecord(OrgUnitEvent, data, { id: randomUUID(), source: '/connect-center/membership' })));
    await send(
      Topics.Member,
      [
        member(`mbr_${run}_b1_president`, [{ unitCode: B1, post: 'president', from: iso(HOUR) }]),
        member(`mbr_${run}_b1_secretary`, [{ unitCode: B1, post: 'general-secretary', from: iso(HOUR) }]),
        member(`mbr_${run}_b1_treasurer`, [{ unitCode: B1, post: 'treasurer', from: iso(HOUR) }]),
        member(`mbr_${run}_p1_president`, [{ unitCode: P1, post: 'president', from: iso(HOUR) }]),
        member(`mbr_${run}_p2_former`, [{ unitCode: P2, post: 'president', from: iso(2 * HOUR), to: iso(HOUR) }]),
      ].map((data) => cloudEventRecord(MemberEvent, data, { id: randomUUID(), source: '/connect-center/membership' })),
    );
    const reports = [report(P1, 'whatsapp'), report(P1, 'whatsapp'), report(P1, 'sms'), report(B3, 'app')];
    const records = reports.map((data) => cloudEventRecord(ReportAttributedEvent, data, { id: data.reportId, source: '/connect-center/membership' }));
    // The first report delivered twice (a producer retry, a replay): counted once.
    await send(Topics.ReportAttributed, [...records, records[0]!]);

    const A = `case_${run}_aaaaaaaa`;
    const B = `case_${run}_bbbbbbbb`;
    const C = `case_${run}_cccccccc`;
    const aOpened = caseEvent(A, P1, 'opened', 1, iso(10 * HOUR), { recognisedVia: 'keyword', subjectKind: 'none', reporterCount: 1 });
    const aAck = caseEvent(A, P1, 'acknowledged', 2, iso(8 * HOUR));
    const aResolved = caseEvent(A, P1, 'resolved', 3, iso(4 * HOUR), { outcome: 'actioned' });
    const bOpened = caseEvent(B, B3, 'opened', 1, iso(80 * HOUR), { recognisedVia: 'declared', subjectKind: 'government-office', reporterCount: 1, category: 'co-conduct', dueAt: iso(56 * HOUR) });
    const cOpened = caseEvent(C, B1, 'opened', 1, iso(6 * HOUR), { recognisedVia: 'keyword', subjectKind: 'none', reporterCount: 1 });
    const cAck = caseEvent(C, B1, 'acknowledged', 2, iso(5 * HOUR));
    const cResolved = caseEvent(C, B1, 'resolved', 3, iso(2 * HOUR), { outcome: 'referred' });
    // A: every event twice and out of order; C: version 3 overtakes version 2.
    await send(Topics.CaseEvents, [aOpened, aAck, aAck, aOpened, aResolved, aAck, bOpened, cOpened, cResolved, cAck].map(caseRecord));
  });

  afterAll(async () => {
    await producer?.disconnect();
    if (reporting) {
      reporting.child.kill('SIGTERM');
      await reporting.exited;
    }
    await store?.dropDatabase();
    await store?.close();
  });

  it('counts reports by unit, day and channel once each, and ranks the units below', async () => {
    const jwt = await token(S, ['state-hq']);
    const { status, body } = await waitFor('four reports counted', async () => {
      const answer = await api(`/v1/aggregates/activity?unit=${S}`, jwt);
      return answer.body.reports === 4 && answer;
    }, { timeoutMs: 60_000 });

    expect(status).toBe(200);
    expect(body.byChannel).toEqual({ whatsapp: 2, sms: 1, app: 1 });
    expect(body.children.map((child: { unitCode: string; reports: number }) => [child.unitCode, child.reports])).toEqual([
      [D1, 3],
      [D2, 1],
    ]);
    expect(body.byDay.at(-1)).toMatchObject({ reports: 4 });
    // Nothing more arrives for the duplicate however long one waits: the export has four rows.
    const csv = await (await fetch(`${reporting.url}/v1/exports/reports.csv?unit=${S}`, { headers: { authorization: `Bearer ${jwt}` } })).text();
    expect(csv.trim().split('\r\n')).toHaveLength(5);
  });

  it('folds case events by version: duplicates and older versions change nothing', async () => {
    const jwt = await token(S, ['state-hq']);
    const { body } = await waitFor('three cases with their final statuses', async () => {
      const answer = await api(`/v1/aggregates/cases?unit=${S}`, jwt);
      return answer.body.opened === 3 && answer.body.byStatus.resolved === 2 && answer;
    });

    expect(body.byStatus).toEqual({ open: 1, resolved: 2 });
    expect(body.byCategory).toEqual({ 'bdo-conduct': 2, 'co-conduct': 1 });
    expect(body.timeToAcknowledge).toMatchObject({ count: 2 });
    expect(body.timeToAcknowledge.medianMs).toBeGreaterThanOrEqual(HOUR);
    expect(body.timeToResolve).toMatchObject({ count: 2 });
    expect(body.timeToResolve.p90Ms).toBeGreaterThanOrEqual(6 * HOUR);
    expect(body.timeToResolve.p90Ms).toBeLessThanOrEqual(6 * HOUR * 1.2);
    expect(body.governmentScorecards.find((card: { unitCode: string }) => card.unitCode === B3)).toMatchObject({ co: { complaints: 1, active: 1 } });

    const open = await api(`/v1/aggregates/open?unit=${S}`, jwt);
    expect(open.body).toMatchObject({ active: 1, overdue: 1 });
    expect(open.body.queue).toEqual([expect.objectContaining({ caseId: `case_${run}_bbbbbbbb`, category: 'co-conduct' })]);
    expect(open.body.children.find((child: { unitCode: string }) => child.unitCode === D2)).toMatchObject({ active: 1, overdue: 1 });

    const desks = await api(`/v1/aggregates/responsiveness?unit=${S}`, jwt);
    expect(desks.body.desks.find((desk: { unitCode: string }) => desk.unitCode === D1)).toMatchObject({ reached: 2, acknowledged: 2, acknowledgedInTime: 2 });
  });

  it('lists silent blocks and panchayats and committee coverage', async () => {
    const jwt = await token(D1, ['office-bearer']);
    const silent = await api(`/v1/aggregates/silent?unit=${D1}&days=7`, jwt);

    expect(silent.status).toBe(200);
    expect(silent.body.units.map((u: { unitCode: string }) => u.unitCode).sort()).toEqual([B2, P2].sort());

    const committees = await waitFor('committee posts', async () => {
      const answer = await api(`/v1/aggregates/committees?unit=${D1}`, jwt);
      return answer.body.total?.blocks.filled === 1 && answer;
    });
    expect(committees.body.districts).toEqual([
      expect.objectContaining({ unitCode: D1, blocks: expect.objectContaining({ units: 2, formed: 1, filled: 1, formedShare: 0.5 }), panchayats: expect.objectContaining({ units: 2, formed: 1, filled: 0 }) }),
    ]);
  });

  it('scopes every query to the caller’s subtree and validates the query', async () => {
    const district = await token(D1, ['office-bearer']);

    expect((await api(`/v1/aggregates/activity?unit=${B1}`, district)).status).toBe(200);
    expect(await api(`/v1/aggregates/activity?unit=${D2}`, district)).toMatchObject({ status: 403, body: { code: 'ACCESS.OUTSIDE_SUBTREE' } });
    expect(await api(`/v1/aggregates/open?unit=${S}`, district)).toMatchObject({ status: 403 });
    expect((await fetch(`${reporting.url}/v1/exports/reports.csv?unit=${S}`, { headers: { authorization: `Bearer ${district}` } })).status).toBe(403);
    expect(await api(`/v1/aggregates/activity?unit=${D1}`, await token(D1, ['aicc-admin']))).toMatchObject({ status: 403, body: { code: 'ACCESS.ROLE_NOT_AT_LEVEL' } });
    expect(await api('/v1/aggregates/activity?from=2026-02-30', district)).toMatchObject({ status: 400, body: { code: 'QUERY.INVALID', message: expect.stringMatching(/from/) } });
    expect(await api('/v1/aggregates/silent?days=0&colour=red', district)).toMatchObject({ status: 400, body: { message: expect.stringMatching(/colour/) } });
    expect(await api(`/v1/aggregates/activity?unit=${S}-NOPE`, district)).toMatchObject({ status: 400, body: { code: 'QUERY.UNKNOWN_UNIT' } });
  });

  it('answers 401 without a valid token', async () => {
    expect(await api('/v1/aggregates/activity')).toMatchObject({ status: 401, body: { code: 'AUTH.UNAUTHENTICATED' } });
    expect((await api('/v1/aggregates/dashboard', 'not-a-token')).status).toBe(401);
    expect((await fetch(`${reporting.url}/v1/exports/reports.csv`)).status).toBe(401);
    expect((await fetch(`${reporting.url}/v1/aggregates/live`)).status).toBe(401);
  });

  it(`streams an export of ${EXPORT_ROWS} rows without holding them`, async () => {
    const rows = store.collection('report_index');
    const day = new Date(now.getTime() + 5.5 * HOUR).toISOString().slice(0, 10);
    for (let start = 0; start < EXPORT_ROWS; start += 10_000) {
      await rows.insertMany(
        Array.from({ length: 10_000 }, (_, i) => ({
          _id: `seed-${run}-${start + i}` as never,
          receivedAt: now,
          day,
          channel: 'whatsapp',
          kind: 'text',
          language: 'hi',
          category: i % 1000 === 0 ? '=cmd|calc' : 'none',
          unitPath: path(B3),
          unitSource: 'declared',
          trust: 'unknown',
          sourceRecord: 'seed',
        })),
        { ordered: false },
      );
    }
    const exportedRows = async () => {
      const metrics = await (await fetch(`${reporting.url}/metrics`)).text();
      return Number(/^reporting_export_rows_total(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
    };
    const exportedBefore = await exportedRows();
    const response = await fetch(`${reporting.url}/v1/exports/reports.csv?unit=${D2}`, { headers: { authorization: `Bearer ${await token(S, ['state-hq'])}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    let lines = 0;
    let injected = 0;
    let header = '';
    let rest = '';
    let readWhilePaused: number | undefined;
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (readWhilePaused === undefined) {
        // The client stops reading: the server must stop reading the store once the buffers on the
        // way are full (backpressure), not read on (the store gives it about 4 000 rows/s here).
        readWhilePaused = await waitFor(
          'the server to stop reading the store while the client reads nothing',
          async () => {
            const first = await exportedRows();
            await new Promise((resolve) => setTimeout(resolve, 1500));
            const second = await exportedRows();
            return second === first && second - exportedBefore;
          },
          { timeoutMs: 30_000, intervalMs: 0 },
        );
      }
      const text = rest + decoder.decode(chunk, { stream: true });
      const parts = text.split('\r\n');
      rest = parts.pop()!;
      if (!header) header = parts[0]!;
      lines += parts.length;
      injected += parts.filter((line) => line.includes(",'=cmd|calc,")).length;
    }

    expect(header).toBe('report_id,received_at,day,channel,kind,language,category,state,district,block,panchayat,unit_source,trust');
    expect(lines).toBe(1 + EXPORT_ROWS + 1);
    expect(injected).toBe(EXPORT_ROWS / 1000);
    // Stalled with the buffers between store and client full: a small part of the export.
    expect(readWhilePaused).toBeLessThan(EXPORT_ROWS / 4);
    expect(await exportedRows()).toBe(exportedBefore + lines - 1); // every row, the header aside
    // Not holding the rows: the whole export went through a heap of SERVER_HEAP_MB, and the server lives on.
    expect(reporting.child.exitCode).toBeNull();
    expect((await fetch(`${reporting.url}/health/ready`)).status).toBe(200);
    process.stdout.write(`export: ${lines} lines through a ${SERVER_HEAP_MB} MB heap; the server stopped after ${readWhilePaused} rows while the client paused\n`);
  }, 300_000);
});
