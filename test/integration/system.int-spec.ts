import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { CloudEventHeaders, FEED_TOPICS, type FeedReport, type ReportReceived, Topics } from '@cc/contracts';
import { currentInfraMode, type EventReader, freePort, loadLocalInfra, principalToken, quietly, readEvents, startGroupAtEnd, waitFor } from '@cc/testing';
import { type Accounting, account, describeAccounting, JH_FEED } from './system/accounting';
import { Cluster } from './system/cluster';
import { ProviderFakes, SECRETS, SERVICES, type ServiceName, serviceEnvironments } from './system/env';
import { type HostileRun, sendHostileInput } from './system/hostile';
import { population } from './system/population';
import { summaryTable } from './system/summary';
import { TrafficGenerator } from './system/traffic';
import { feedRecordId } from '../../services/reporting/src/feeds/feed-pseudonyms';

/** Messages per second: modest, for a loaded two-core machine running everything at once. */
const RATE = Number(process.env.E2E_RATE ?? 10);
/** Event topics whose history belongs to earlier runs; entity topics (units, members) are read from the start. */
const EVENT_TOPICS = [Topics.ReportReceived, Topics.ReportAccepted, Topics.DeliveryStatus, Topics.ReportAttributed, Topics.CaseEvents, Topics.ChannelMessageIngress];
/** A +91 number, or a bare ten-digit Indian mobile that is not part of a longer token (ids, hashes). */
const PHONE_LIKE = /\+91[\s-]?\d{4}|(?<![\dA-Za-z_-])[6-9]\d{9}(?![\dA-Za-z_])|[०-९]{10}/;
const settle = { timeoutMs: 150000, intervalMs: 2000 };
/** No lone surrogate: what a strict JSON or UTF-8 reader downstream would refuse. */
const isWellFormed = (text: string) => !/\p{Cs}/u.test(text);
const pace = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole system, end to end (issue 10): the five services as built processes on the run's broker
 * and store, fed through their real entry points (signed WhatsApp webhooks, Twilio and Gupshup SMS,
 * the app API) by a small traffic generator, with the provider fakes standing in for WhatsApp,
 * Gupshup and the app backend. Every accepted message is followed by id to its report, its feed
 * record, its case and its one acknowledgement — through steady traffic, then through a SIGKILL of
 * each service, a broker outage and a store restart — then hostile input is thrown at every entry
 * point and API, and every log line and feed record is searched for phone numbers and reporters.
 *
 * The one repeat allowed is listed apart in the summary: a WhatsApp or SMS notification the provider
 * took as notification was SIGKILLed and took again once its lease ran out (no idempotency key at those
 * providers; see resentAcrossCrash in system/accounting.ts).
 */
describe('the system end to end', () => {
  const run = randomUUID().replaceAll('-', '').slice(0, 10);
  const people = population(run);
  const fakes = new ProviderFakes();
  const faults: string[] = [];
  const faultsSkipped: string[] = [];
  let environments: Record<ServiceName, Record<string, string>>;
  let cluster: Cluster;
  let traffic: TrafficGenerator;
  let reader: EventReader;
  let grievanceStore: mongoose.Connection;
  let intakeStore: mongoose.Connection;
  let hostile: HostileRun | undefined;
  let latest: Accounting | undefined;
  const started = Date.now();

  /** Waits until nothing is lost (effects arrive late after faults), then returns the accounting. */
  const notificationKills = () => cluster.crashes.filter((crash) => crash.service === 'notification').map((crash) => crash.at);
  const converged = async (what: string) => {
    try {
      return await waitFor(
        what,
        async () => {
          latest = await account(traffic.messages, reader, grievanceStore, fakes, notificationKills());
          return latest.lost === 0 && latest;
        },
        settle,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${latest ? describeAccounting(latest) : ''}`, { cause: error });
    }
  };

  beforeAll(async () => {
    const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (service) => [service, await freePort()]))) as Record<ServiceName, number>;
    await fakes.start();
    for (const sender of people.appSenders) fakes.appUsersWithDevices.add(sender.appUserId!);
    environments = serviceEnvironments({ run, ports, fakes });
    await Promise.all(SERVICES.map((service) => startGroupAtEnd(environments[service].KAFKA_GROUP_ID!, EVENT_TOPICS)));
    cluster = new Cluster(environments);
    await cluster.start();
    // The services created the topics; a new topic's leader may take a moment on a fresh broker.
    reader = await waitFor('a reader of reports, cases and feeds', () => readEvents([Topics.ReportReceived, Topics.CaseEvents, ...FEED_TOPICS]).catch(() => undefined), { timeoutMs: 60000 });
    grievanceStore = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: environments.grievance.MONGODB_DB }).asPromise();
    intakeStore = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: environments.intake.MONGODB_DB }).asPromise();

    const imported = await fetch(`${cluster.url('membership')}/v1/members/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${await principalToken(SECRETS.jwtSecret, SECRETS.jwtIssuer, { unit: 'JH', roles: ['state-hq'] })}` },
      body: people.importCsv(),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ created: people.members.length, rejected: 0, errors: [] });
    traffic = new TrafficGenerator(cluster.url('intake'), people, run);
  }, 240000);

  afterAll(async () => {
    traffic?.stop();
    await reader?.stop();
    await cluster?.stop();
    cluster?.writeLogs(join(tmpdir(), `cc-e2e-${run}`));
    await fakes.close();
    for (const service of SERVICES) {
      if (!environments) break;
      const store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: environments[service].MONGODB_DB }).asPromise();
      await store.dropDatabase();
      await store.close();
    }
    await grievanceStore?.close();
    await intakeStore?.close();
  }, 180000);

  it('follows every message of steady traffic, by id, to one report, one feed record, one case per complaint and one acknowledgement', async () => {
    traffic.sendOptOuts();
    await traffic.sendFor(10000, RATE);
    await traffic.drain(120000);
    expect(traffic.stats.refusedForGood).toEqual([]);
    const accounting = await converged('every effect of the steady traffic');
    expect(describeAccounting(accounting)).toBe('');
    expect(accounting.totals.cases).toBeGreaterThan(0);
  }, 240000);

  it('loses nothing and applies nothing twice through a SIGKILL of each service, a broker outage and a store restart, under traffic', async () => {
    const injected = (async () => {
      for (const service of SERVICES) {
        await pace(2500);
        await cluster.crash(service);
        faults.push(`${service} SIGKILLed and restarted`);
      }
      await cluster.ready();
      if (currentInfraMode() !== 'local') {
        faultsSkipped.push(`broker outage and store restart (infrastructure is ${currentInfraMode()}, not the local processes this suite can stop)`);
        return;
      }
      const infra = loadLocalInfra();
      await pace(2000);
      await infra.down(quietly({ components: ['kafka'] }));
      await pace(10000);
      await infra.up(quietly({ components: ['kafka'] }));
      faults.push('Kafka stopped for 10 s and restarted');
      await pace(3000);
      await infra.down(quietly({ components: ['ferretdb'] }));
      await infra.up(quietly({ components: ['ferretdb'] }));
      faults.push('FerretDB (the store) stopped and restarted');
      await pace(3000);
    })();
    await traffic.sendFor(Number.POSITIVE_INFINITY, RATE, injected);
    await injected;
    await cluster.ready();
    await traffic.drain(120000);
    expect(traffic.stats.refusedForGood).toEqual([]);
    const accounting = await converged('every effect after the faults');
    expect(describeAccounting(accounting)).toBe('');
  }, 420000);

  it('answers hostile input with the right status, stores injected text as data, and lets nothing refused reach a store or a feed', async () => {
    const ranchiWorker = people.members.find((member) => member.homeUnit === 'JH-RAN-KANKE' && !member.post)!;
    const ranchiComplaint = traffic.messages.find((message) => message.complaint && message.accepted && message.sender === ranchiWorker);
    const ranchiReport = ranchiComplaint && latest?.reportIds.get(ranchiComplaint.providerMessageId);
    const ranchiCase = ranchiReport ? await grievanceStore.collection('cases').findOne({ 'reports.reportId': ranchiReport }) : null;
    hostile = await sendHostileInput({
      run,
      urls: { intake: cluster.url('intake'), membership: cluster.url('membership'), grievance: cluster.url('grievance'), reporting: cluster.url('reporting') },
      traffic,
      people,
      appUsersWithDevices: fakes.appUsersWithDevices,
      ranchiCaseId: ranchiCase?._id as string | undefined,
    });
    const answered = hostile.outcomes.map(({ name, status, expected, note }) => ({ name, status: expected.includes(status) || (note && status >= 200 && status < 300) ? 'as expected' : status }));
    expect(answered).toEqual(hostile.outcomes.map(({ name }) => ({ name, status: 'as expected' })));

    // What was accepted is traffic like any other: accounted by id, text exactly as sent.
    const accounting = await converged('every effect of the hostile input accepted as data');
    expect(describeAccounting(accounting)).toBe('');
    const reports = reader.dataOf<ReportReceived>(Topics.ReportReceived);
    const feed = reader.dataOf<FeedReport>(JH_FEED);
    for (const message of hostile.acceptedAsData) {
      const reportId = accounting.reportIds.get(message.providerMessageId)!;
      const stored = await intakeStore.collection('reports').findOne({ 'report.reportId': reportId });
      const record = feed.find((each) => each.recordId === feedRecordId('JH', Topics.ReportAttributed, reportId));
      expect({ id: message.providerMessageId, stored: stored?.report?.text, published: reports.find((each) => each.reportId === reportId)?.text, fed: record?.text }).toEqual({
        id: message.providerMessageId,
        stored: message.text,
        published: message.text,
        fed: message.text,
      });
    }
    // What was refused is nowhere: not stored, not published, not on a feed.
    const marked = new RegExp(hostile.refusedMarkers.map((marker) => `${marker}(?!\\d)`).join('|'));
    const storedRefused = await intakeStore
      .collection('reports')
      .find({ $or: [{ 'report.providerMessageId': { $in: hostile.refusedIds } }, { 'report.text': { $regex: `hostile-${run}-` } }] })
      .toArray();
    expect(storedRefused.map((each) => each.report.text as string).filter((text) => marked.test(text))).toEqual([]);
    expect(storedRefused.filter((each) => hostile!.refusedIds.includes(each.report.providerMessageId as string))).toEqual([]);
    expect(reports.filter((report) => hostile!.refusedIds.includes(report.providerMessageId) || marked.test(report.text))).toEqual([]);
    expect(reader.events.filter((event) => FEED_TOPICS.includes(event.topic as (typeof FEED_TOPICS)[number]) && marked.test(JSON.stringify(event.data)))).toEqual([]);

    // Invalid Unicode, refused or read with U+FFFD: either way no ill-formed string in the store, on a topic or on a feed.
    const illFormed: string[] = [];
    for (const message of hostile.acceptedInvalidUnicode) {
      const reportId = accounting.reportIds.get(message.providerMessageId)!;
      const texts = {
        'intake store': (await intakeStore.collection('reports').findOne({ 'report.reportId': reportId }))?.report?.text as string,
        [Topics.ReportReceived]: reports.find((each) => each.reportId === reportId)!.text,
        [JH_FEED]: feed.find((each) => each.recordId === feedRecordId('JH', Topics.ReportAttributed, reportId))!.text,
      };
      for (const [where, text] of Object.entries(texts)) if (!isWellFormed(text)) illFormed.push(`${message.entryPoint} ${message.providerMessageId}: ${where}`);
    }
    expect(illFormed).toEqual([]);
  }, 300000);

  it('writes no phone number to any log line or feed record, and no protected reporter to any feed', () => {
    const phones = people.phones.map((phone) => phone.slice(3));
    const { jwtIssuer: _issuer, appIntegrator: _integrator, gupshupUser: _user, ...secretValues } = SECRETS;
    const secrets = Object.values(secretValues);
    const logLines = cluster.logLines();
    expect(logLines.length).toBeGreaterThan(100);
    const leakingLines = logLines.filter(({ line }) => PHONE_LIKE.test(line) || phones.some((phone) => line.includes(phone)) || secrets.some((secret) => line.includes(secret)));
    expect(leakingLines.slice(0, 5)).toEqual([]);

    const reports = reader.dataOf<ReportReceived>(Topics.ReportReceived);
    const senderKeys = [...new Set(reports.map((report) => report.senderKey))];
    const feedEvents = reader.events.filter((event) => FEED_TOPICS.includes(event.topic as (typeof FEED_TOPICS)[number]));
    expect(feedEvents.length).toBeGreaterThan(traffic.messages.length / 2);
    const leakingRecords = feedEvents.filter((event) => {
      // The traceparent is random hex, where ten digits in a row are no phone number.
      const { [CloudEventHeaders.traceparent]: _traceparent, ...headers } = event.headers;
      const json = JSON.stringify({ ...event, headers });
      return PHONE_LIKE.test(json) || phones.some((phone) => json.includes(phone)) || json.includes('mbr_') || json.includes('snd_') || senderKeys.some((key) => json.includes(key));
    });
    expect(leakingRecords.slice(0, 3)).toEqual([]);

    // A complaint that names an office-bearer: on the feed, no reporter, no report id, no place below the district.
    const feed = new Map(reader.dataOf<FeedReport>(JH_FEED).map((record) => [record.recordId, record]));
    const aboutOfficeBearers = traffic.messages.filter((message) => message.accepted && message.aboutOfficeBearer);
    expect(aboutOfficeBearers.length).toBeGreaterThan(0);
    const reportIdOf = new Map(reports.map((report) => [report.providerMessageId, report.reportId]));
    for (const message of aboutOfficeBearers) {
      const reportId = reportIdOf.get(message.providerMessageId);
      const record = reportId ? feed.get(feedRecordId('JH', Topics.ReportAttributed, reportId)) : undefined;
      expect({ id: message.providerMessageId, onTheFeed: record !== undefined }).toEqual({ id: message.providerMessageId, onTheFeed: true });
      if (!record) continue;
      expect({ id: message.providerMessageId, reporter: record.reporter, reportId: record.reportId, depth: record.unitPath.length }).toEqual({
        id: message.providerMessageId,
        reporter: { shown: false, trust: expect.any(String), reason: 'may-concern-office-bearer' },
        reportId: undefined,
        depth: expect.any(Number),
      });
      expect(record.unitPath.length).toBeLessThanOrEqual(3);
    }
  });

  it('prints the summary: nothing lost, nothing duplicated', async () => {
    const final = await account(traffic.messages, reader, grievanceStore, fakes, notificationKills());
    const messages = traffic.messages;
    const table = summaryTable(`end to end, run ${run}, ${Math.round((Date.now() - started) / 1000)} s`, [
      ['messages sent', messages.length],
      ['  of which opt-out keywords', messages.filter((message) => message.optOut).length],
      ['  of which complaints', messages.filter((message) => message.complaint).length],
      ['accepted (2xx, after provider retries)', messages.filter((message) => message.accepted).length],
      ['HTTP requests (incl. retries and replays)', traffic.stats.attempts],
      ['  refused and retried (5xx, 429, no answer)', traffic.stats.retriedAfterRefusal],
      ['  provider replays of accepted POSTs', traffic.stats.providerReplays],
      ['reported (one report id each)', final.totals.reported],
      ['feed records (JH, one id each)', final.totals.feedRecords],
      ['cases (one each)', final.totals.cases],
      ['acknowledgements (one send each)', final.totals.acknowledgements],
      ['notifications at the fakes (all kinds)', final.totals.sendsAtFakes],
      ['faults injected', faults.length],
      ...faults.map((fault) => [`  ${fault}`, ''] as const),
      ...faultsSkipped.map((fault) => [`  skipped: ${fault}`, ''] as const),
      ['hostile cases tried', hostile?.outcomes.length ?? 0],
      ['  invalid Unicode accepted (U+FFFD)', hostile?.acceptedInvalidUnicode.length ?? 0],
      ['lost', final.lost],
      ['duplicated', final.duplicated],
      ['sent again: in flight at the notification SIGKILL (no provider idempotency key)', final.resentAcrossCrash.length],
      ...final.resentAcrossCrash.map((what) => [`  ${what}`, ''] as const),
    ]);
    process.stdout.write(`\n${table}\n\n`);
    expect(final.lost).toBe(0);
    expect(final.duplicated).toBe(0);
  }, 60000);
});
