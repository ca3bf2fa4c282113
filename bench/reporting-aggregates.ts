/**
 * Reporting's aggregate queries with 1M reports in the store: the aggregate collections are seeded
 * in bulk as the consumers would have left them after N attributed reports and their cases, the
 * built reporting service is started on that database, and each query is timed through its real
 * HTTP API beside two baselines measured in the same run: a trivial endpoint of the same service
 * (`/health/live`) and a plain driver `findOne({_id})` on the seeded aggregates collection.
 *
 *   npm run bench:reporting                      (build, then 1 000 000 reports)
 *   node dist/bench/reporting-aggregates.js --reports 200000 --seconds 5
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SignJWT } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { ComplaintCategories, type OrgUnit, TOPIC_CATALOGUE, type UnitLevel } from '@cc/contracts';
import { type ActiveCase, ActiveCaseIndex } from '../services/reporting/src/aggregates/active-case-index';
import { caseContribution, type CaseState, type CaseStatus, isActive, overdueAt } from '../services/reporting/src/aggregates/case-fold';
import { applyToObject, type Increments, merge } from '../services/reporting/src/aggregates/increments';
import { addDays, rollupId } from '../services/reporting/src/aggregates/keys';
import { reportIncrements } from '../services/reporting/src/aggregates/report-contributions';
import { indianDay } from '../services/reporting/src/activity/unit-day';
import { formatMs, type Latency, seededRandom, timeEach } from './membership-stats';
import { releaseServers, repoRoot, useServers } from './servers';

const JWT_SECRET = 'bench-reporting-jwt-secret-0123456789abcdef';
const ISSUER = 'https://id.bench.example';
const HOUR = 3_600_000;
const PARTITIONS = 6;
const PANCHAYATS_PER_BLOCK = 16;
const CHANNELS = ['whatsapp', 'whatsapp', 'whatsapp', 'sms', 'sms', 'app'] as const;

interface Options {
  reports: number;
  days: number;
  caseShare: number;
  seconds: number;
  maxRequests: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { reports: 1_000_000, days: 90, caseShare: 0.2, seconds: 8, maxRequests: 2000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i]!.replace(/^--/, ''), Number(argv[i + 1])];
    if (!(name in options) || !Number.isFinite(value)) throw new Error(`unknown option ${argv[i]} ${argv[i + 1] ?? ''}`);
    (options as unknown as Record<string, number>)[name] = value;
  }
  return options;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

/** Jharkhand from membership's seed file, with synthetic panchayats under every block. */
function organisation(): OrgUnit[] {
  const lines = readFileSync(join(repoRoot(), 'services', 'membership', 'data', 'org-units.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((line) => line.split(',')).map(([code, level, parent, nameEn, nameHi]) => ({ code: code!, level: level as UnitLevel, parent: parent || undefined, nameEn: nameEn!, nameHi: nameHi || undefined }));
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const pathOf = (code: string): string[] => {
    const row = byCode.get(code)!;
    return row.parent ? [...pathOf(row.parent), code] : [code];
  };
  const updatedAt = new Date().toISOString();
  const units: OrgUnit[] = rows.map((row) => ({
    code: row.code,
    level: row.level,
    ...(row.parent ? { parentCode: row.parent } : {}),
    nameEn: row.nameEn,
    ...(row.nameHi ? { nameHi: row.nameHi } : {}),
    path: pathOf(row.code),
    committeeFormed: false,
    updatedAt,
  }));
  for (const block of units.filter((unit) => unit.level === 'block' && unit.path[1] === 'JH')) {
    for (let i = 1; i <= PANCHAYATS_PER_BLOCK; i++) {
      const code = `${block.code}-P${String(i).padStart(2, '0')}`;
      units.push({ code, level: 'panchayat', parentCode: block.code, nameEn: `${block.nameEn} panchayat ${i}`, path: [...block.path, code], committeeFormed: false, updatedAt });
    }
  }
  return units;
}

interface Seeded {
  rollups: number;
  openCases: number;
  cases: number;
  ms: number;
  /** The active cases as the service holds them in memory (for the in-process comparison). */
  active: ActiveCase[];
}

/** The collections as the consumers leave them after `reports` reports over `days` days (and a case for `caseShare` of them). */
async function seed(store: mongoose.Connection, units: OrgUnit[], options: Options): Promise<Seeded> {
  const started = performance.now();
  const random = seededRandom(20261126);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const panchayats = units.filter((unit) => unit.level === 'panchayat');
  const today = indianDay(new Date().toISOString());
  const byPartition: Increments[] = Array.from({ length: PARTITIONS }, () => new Map());
  const pulse = new Map<string, Date>();
  const openCases: CaseState[] = [];
  let cases = 0;
  const now = Date.now();
  for (let i = 0; i < options.reports; i++) {
    // Busy and quiet places: a third of the panchayats send most reports, some never do.
    const panchayat = random() < 0.7 ? panchayats[Math.floor(random() * panchayats.length * 0.33)]! : pick(panchayats.slice(0, Math.floor(panchayats.length * 0.95)));
    const daysAgo = Math.floor(random() * random() * options.days);
    const day = addDays(today, -daysAgo);
    const at = new Date(now - daysAgo * 24 * HOUR - random() * 12 * HOUR);
    const partition = Math.floor(random() * PARTITIONS);
    const complaint = random() < options.caseShare;
    const category = complaint ? pick(ComplaintCategories) : 'none';
    reportIncrements({ unitPath: panchayat.path, day, channel: pick(CHANNELS), category }, byPartition[partition]);
    for (const code of panchayat.path) if ((pulse.get(code)?.getTime() ?? 0) < at.getTime()) pulse.set(code, at);
    if (!complaint) continue;
    cases++;
    const status: CaseStatus = daysAgo > 7 ? (random() < 0.9 ? 'closed' : pick(['resolved', 'escalated', 'acknowledged'] as const)) : pick(['open', 'acknowledged', 'assigned', 'escalated', 'resolved', 'closed'] as const);
    const ackMs = random() * 30 * HOUR;
    const acked = status !== 'open';
    const resolved = status === 'resolved' || status === 'closed';
    const deskUnitCode = panchayat.path[2]!;
    const state: CaseState = {
      caseId: `case_bench${i}`,
      reference: `JH-2026-B${i}`,
      version: 3,
      status,
      category,
      severity: 'normal',
      unitPath: [...panchayat.path],
      ...(category === 'bdo-conduct' || category === 'co-conduct' ? { governmentBlockPath: panchayat.path.slice(0, 4) } : {}),
      openedAt: at.toISOString(),
      openedDay: day,
      deskUnitCode,
      deskLevel: 'district',
      stages: [{ deskUnitCode, deskLevel: 'district', startedAt: at.toISOString(), ...(acked ? { ackMs, withinSla: ackMs <= 24 * HOUR } : {}) }],
      ...(acked ? { firstAckMs: ackMs } : {}),
      ...(resolved ? { resolvedMs: ackMs + random() * 120 * HOUR } : {}),
      ...(acked ? {} : { ackDueAt: new Date(at.getTime() + 24 * HOUR).toISOString() }),
      resolveDueAt: new Date(at.getTime() + 72 * HOUR).toISOString(),
      updatedAt: at.toISOString(),
    };
    merge(byPartition[partition]!, caseContribution(state));
    if (isActive(state)) openCases.push(state);
  }
  const writtenAt = new Date();
  let rollups = 0;
  const insert = async (collection: string, docs: object[]) => {
    for (let start = 0; start < docs.length; start += 2000) await store.collection(collection).insertMany(docs.slice(start, start + 2000) as never[], { ordered: false });
  };
  for (const [partition, increments] of byPartition.entries()) {
    const docs = [...increments].map(([cell, fields]) => {
      const doc: Record<string, unknown> = { _id: rollupId(cell, partition), appliedOffset: 0, writtenAt };
      applyToObject(doc, fields);
      return doc;
    });
    rollups += docs.length;
    await insert('rollups', docs);
  }
  await insert('open_cases', openCases.map((state) => ({ _id: state.caseId, state, writtenAt })));
  await insert('unit_pulse', [...pulse].map(([code, lastReportAt]) => ({ _id: code, lastReportAt, writtenAt })));
  await insert('aggregate_units', units.map((unit) => ({ _id: unit.code, unit, updatedAt: new Date(unit.updatedAt), writtenAt })));
  const holders = units
    .filter((unit) => (unit.level === 'block' || unit.level === 'panchayat') && random() < 0.6)
    .flatMap((unit) => (['president', 'secretary', 'treasurer'] as const).filter((post) => post === 'president' || random() < 0.5).map((post) => ({ unit, post })))
    .map(({ unit, post }, i) => ({ _id: `mbr_bench_${i}`, status: 'active', posts: [{ unitCode: unit.code, post }], updatedAt: writtenAt, writtenAt }));
  await insert('aggregate_post_holders', holders);
  return { rollups, openCases: openCases.length, cases, ms: performance.now() - started, active: openCases.map((state) => ({ state, overdueAt: overdueAt(state) })) };
}

/**
 * Where the open/overdue view's time goes, without HTTP, GC of the service's heap or the other
 * queries: the walk over every active case it did per request before the index (counts per child,
 * per category, the overdue queue sorted), beside the index's answer, on the same cases.
 */
async function openInProcess(active: readonly ActiveCase[], options: Options): Promise<{ loadMs: number; updateMs: number; results: Array<{ target: string } & Latency> }> {
  const index = new ActiveCaseIndex();
  const loadStarted = performance.now();
  for (const item of active) index.set(item.state.caseId, item);
  index.flush();
  const loadMs = performance.now() - loadStarted;
  const walk = (code: string, depth: number, now: number, limit: number) => {
    const children = new Map<string, { active: number; overdue: number }>();
    const byCategory: Record<string, number> = {};
    const overdue: ActiveCase[] = [];
    let count = 0;
    for (const item of active) {
      const { state } = item;
      if (state.unitPath[depth] !== code) continue;
      count++;
      byCategory[state.category] = (byCategory[state.category] ?? 0) + 1;
      const late = now > item.overdueAt;
      if (late) overdue.push(item);
      const child = state.unitPath[depth + 1];
      if (child !== undefined) {
        const row = children.get(child) ?? { active: 0, overdue: 0 };
        row.active++;
        if (late) row.overdue++;
        children.set(child, row);
      }
    }
    return { count, byCategory, children, queue: overdue.sort((a, b) => a.overdueAt - b.overdueAt).slice(0, limit) };
  };
  const budget = Math.min(options.seconds, 4) * 1000;
  const results = [
    { target: 'in-process: walk over the active cases, JH (before)', ...(await timeEach(options.maxRequests, budget, async () => walk('JH', 1, Date.now(), 50))) },
    { target: 'in-process: index, JH', ...(await timeEach(options.maxRequests, budget, async () => index.open(1, 'JH', Date.now(), 50))) },
    { target: 'in-process: walk over the active cases, JH-RAN (before)', ...(await timeEach(options.maxRequests, budget, async () => walk('JH-RAN', 2, Date.now(), 50))) },
    { target: 'in-process: index, JH-RAN', ...(await timeEach(options.maxRequests, budget, async () => index.open(2, 'JH-RAN', Date.now(), 50))) },
  ];
  const updates = active.slice(0, 1000);
  const updateStarted = performance.now();
  for (const [i, item] of updates.entries()) {
    index.set(item.state.caseId, { state: item.state, overdueAt: item.overdueAt + (i % 2 === 0 ? 1 : -1) * HOUR });
    index.flush();
  }
  return { loadMs, updateMs: (performance.now() - updateStarted) / updates.length, results };
}

async function startGroupAtEnd(brokers: string, groupId: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-reporting', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const { name } of TOPIC_CATALOGUE.filter((topic) => existing.has(topic.name))) {
      const offsets = await admin.fetchTopicOffsets(name);
      await admin.setOffsets({ groupId, topic: name, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

async function startReporting(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; bootMs: number }> {
  const started = performance.now();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'services', 'reporting', 'src', 'main.js')], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`reporting exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, url, bootMs: performance.now() - started };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
  const servers = await useServers(print);
  const db = `bench_reporting_${stamp.slice(0, 19).replaceAll('-', '').toLowerCase()}`;
  const store = await mongoose.createConnection(servers.mongoUri, { dbName: db }).asPromise();
  let reporting: { child: ChildProcess; url: string; bootMs: number } | undefined;
  try {
    const units = organisation();
    print(`seeding ${db}: ${options.reports} reports over ${options.days} days, ${units.length} units …`);
    const seeded = await seed(store, units, options);
    print(`seeded ${seeded.rollups} aggregate cells (${seeded.cases} cases, ${seeded.openCases} active) in ${formatMs(seeded.ms)}`);
    const inProcess = await openInProcess(seeded.active, options);
    seeded.active = [];
    const walkP99 = inProcess.results[0]!.p99Ms;
    print('');
    print(`| open/overdue in process | p50 | p99 | n | walk JH p99 / p99 |`);
    print(`| --- | --- | --- | --- | --- |`);
    for (const result of inProcess.results) print(`| ${result.target} | ${formatMs(result.p50Ms)} | ${formatMs(result.p99Ms)} | ${result.count} | ${(walkP99 / result.p99Ms).toFixed(1)}x |`);
    print(`index built from ${seeded.openCases} active cases in one batch in ${formatMs(inProcess.loadMs)}; one case moved to a new deadline (splices + flush): ${formatMs(inProcess.updateMs)} (mean of 1000)`);
    print('');

    const groupId = `connect-center-bench-reporting-${stamp}`;
    await startGroupAtEnd(servers.kafkaBrokers, groupId);
    reporting = await startReporting({
      KAFKA_BROKERS: servers.kafkaBrokers,
      MONGODB_URI: servers.mongoUri,
      MONGODB_DB: db,
      KAFKA_GROUP_ID: groupId,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      REPORTING_REFRESH_MS: '600000',
    });
    print(`reporting ready in ${formatMs(reporting.bootMs)} (loads the aggregates into memory at start-up)`);
    const token = await new SignJWT({ unit: 'JH', roles: ['state-hq'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('bench').setIssuer(ISSUER).setAudience('connect-center').setExpirationTime('2h').sign(new TextEncoder().encode(JWT_SECRET));
    const national = await new SignJWT({ unit: 'IN', roles: ['aicc-admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('bench').setIssuer(ISSUER).setAudience('connect-center').setExpirationTime('2h').sign(new TextEncoder().encode(JWT_SECRET));
    const url = reporting.url;
    const get = async (route: string, jwt = token) => {
      const response = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${jwt}` } });
      if (response.status !== 200) throw new Error(`${route}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    const from = addDays(indianDay(new Date().toISOString()), -(options.days - 1));
    const budget = options.seconds * 1000;
    const sampleId = (await store.collection('rollups').find({}, { projection: { _id: 1 } }).limit(1).skip(1000).toArray())[0]!._id;
    const targets: Array<[string, () => Promise<unknown>]> = [
      ['baseline: GET /health/live', () => get('/health/live')],
      ['baseline: driver findOne({_id}) on rollups', () => store.collection('rollups').findOne({ _id: sampleId })],
      ['activity JH, 30 days', () => get('/v1/aggregates/activity?unit=JH')],
      [`activity JH, ${options.days} days`, () => get(`/v1/aggregates/activity?unit=JH&from=${from}`)],
      [`activity IN (AICC), ${options.days} days`, () => get(`/v1/aggregates/activity?from=${from}`, national)],
      ['activity JH-RAN (district), 30 days', () => get('/v1/aggregates/activity?unit=JH-RAN')],
      [`cases JH, ${options.days} days`, () => get(`/v1/aggregates/cases?unit=JH&from=${from}`)],
      ['responsiveness JH, 30 days', () => get('/v1/aggregates/responsiveness?unit=JH')],
      ['open + overdue JH', () => get('/v1/aggregates/open?unit=JH')],
      ['open + overdue IN (AICC), queue of 500', () => get('/v1/aggregates/open?limit=500', national)],
      ['open + overdue JH-RAN (district)', () => get('/v1/aggregates/open?unit=JH-RAN')],
      ['silent units JH (blocks + panchayats)', () => get('/v1/aggregates/silent?unit=JH')],
      ['committee coverage JH', () => get('/v1/aggregates/committees?unit=JH')],
      ['dashboard JH', () => get('/v1/aggregates/dashboard?unit=JH')],
    ];
    for (const [, run] of targets) await run();
    const results: Array<{ target: string } & Latency> = [];
    for (const [target, run] of targets) {
      const latency = await timeEach(options.maxRequests, budget, run);
      results.push({ target, ...latency });
    }
    const base = results[0]!;
    print('');
    print(`| query | p50 | p99 | max | n | p99 / baseline p99 |`);
    print(`| --- | --- | --- | --- | --- | --- |`);
    for (const result of results) {
      print(`| ${result.target} | ${formatMs(result.p50Ms)} | ${formatMs(result.p99Ms)} | ${formatMs(result.maxMs)} | ${result.count} | ${(result.p99Ms / base.p99Ms).toFixed(1)}x |`);
    }
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${reporting.child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    print(`reporting RSS with the aggregates in memory: ${Math.round(rss / 1048576)} MiB`);
    const resultsDir = join(repoRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `reporting-aggregates-${stamp}.json`);
    writeFileSync(
      file,
      JSON.stringify({ options, machine: { cpus: cpus().length, memory: totalmem(), loadavg: loadavg(), node: process.version }, seeded: { ...seeded, active: undefined }, bootMs: reporting.bootMs, serviceRssBytes: rss, inProcess, results }, null, 2),
    );
    print(`results: ${file}`);
  } finally {
    if (reporting) {
      reporting.child.kill('SIGTERM');
      await once(reporting.child, 'exit');
    }
    await store.dropDatabase().catch(() => undefined);
    await store.close();
    await releaseServers(servers, print);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
