/**
 * Membership at scale: identity lookup latency and attribution throughput with BENCH_MEMBERS
 * members in the store, against baselines measured in the same run, and whether attribution keeps
 * up with intake's peak.
 *
 *   npm run -s build && node dist/bench/membership-attribution.js
 *
 * Sizes and budgets come from BENCH_* variables (see USAGE and bench/README.md). A measurement, not
 * a test: the exit code is 0 whatever the figures, 1 only when a run could not be measured.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Admin, Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { useSenderKeySecret } from '@cc/identity';
import { createMissingTopics } from '@cc/messaging';
import { orgTreeFromCsv } from '../services/membership/src/organisation/org-units-csv';
import { seedFilePath } from '../services/membership/src/organisation/seed-file';
import { BATCH_KEYS, type LookupReport, measureLookups } from './membership-lookup';
import {
  Arrivals,
  CHANNEL_ENDPOINT,
  groupAtEnd,
  makeReports,
  publishBacklog,
  publishPaced,
  type Published,
  readReports,
  REPORT_TOPICS,
} from './membership-reports';
import { type SeedReport, seedMembers } from './membership-seed';
import { cpuSeconds, localServerPid, type ProfileSummary, repositoryRoot, type RunningMembership, startMembership, summariseProfile } from './membership-service';
import { startMembershipInProcess, type StepTime } from './membership-steps';
import { formatMs, type Latency, latencyOf } from './membership-stats';
import { releaseServers, type Servers, useServers } from './servers';

/** The service and this process must compute the same sender keys; production requires a secret. */
const SENDER_KEY_SECRET = 'connect-center-bench-sender-key-secret-not-for-production';
/** A paced run keeps up when its lag stays under this. */
const PACED_LAG_LIMIT_MS = 5000;

const USAGE = `environment (defaults in brackets):
  BENCH_MEMBERS [1000000]          members in the store (seeded once into BENCH_DB, reused while it holds them)
  BENCH_DB [bench_membership_<members>]
  BENCH_IMPORT_SAMPLE [500]        of those, the last ones imported through the service's MongoMemberSink
  BENCH_REPORTS [50000]            report-received events in the backlog
  BENCH_KNOWN_SHARE [0.7]          share of lookups and reports from members
  BENCH_LOOKUPS [3000]             single-key lookups; BENCH_LOOKUP_BATCHES [300] lookups of ${BATCH_KEYS} keys
  BENCH_LOOKUP_BUDGET_S [120]      at most this long per lookup measurement (fewer lookups are timed)
  BENCH_DIAGNOSTIC_BUDGET_S [60]   per raw query on the full collections
  BENCH_ATTRIBUTION_BUDGET_S [900] at most this long for the service to attribute the backlog
  BENCH_INTAKE_PEAK [1500]         intake's peak, signed webhook requests per second (assumed unless set)
  BENCH_PACED_S [30]               seconds of reports at that peak, once the backlog drained fast enough
  BENCH_PHASES [lookup,attribution]
  BENCH_CPU_PROF [0]               1: the service runs with node --cpu-prof; the profile is summarised
  BENCH_SERVICE [process]          process: node dist/services/membership/src/main.js; in-process: booted here,
                                   with the attribution handler's steps timed`;

class UsageError extends Error {}

interface Options {
  members: number;
  db: string;
  importSample: number;
  reports: number;
  knownShare: number;
  lookups: number;
  lookupBatches: number;
  lookupBudgetMs: number;
  diagnosticBudgetMs: number;
  attributionBudgetMs: number;
  intakePeak: number;
  intakePeakAssumed: boolean;
  pacedSeconds: number;
  phases: Set<string>;
  cpuProfile: boolean;
  inProcess: boolean;
}

const print = (line = ''): void => void process.stdout.write(`${line}\n`);

function parseOptions(env: NodeJS.ProcessEnv = process.env): Options {
  const number = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER, integer = true): number => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new UsageError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${raw}")\n${USAGE}`);
    }
    return value;
  };
  const members = number('BENCH_MEMBERS', 1_000_000, 1000, 999_999_999);
  const phases = new Set((env.BENCH_PHASES ?? 'lookup,attribution').split(',').map((phase) => phase.trim()).filter(Boolean));
  for (const phase of phases) if (phase !== 'lookup' && phase !== 'attribution') throw new UsageError(`BENCH_PHASES: unknown phase "${phase}"\n${USAGE}`);
  const service = env.BENCH_SERVICE ?? 'process';
  if (service !== 'process' && service !== 'in-process') throw new UsageError(`BENCH_SERVICE must be process or in-process (got "${service}")\n${USAGE}`);
  if (service === 'in-process' && env.BENCH_CPU_PROF === '1') throw new UsageError(`BENCH_CPU_PROF needs BENCH_SERVICE=process\n${USAGE}`);
  const db = env.BENCH_DB ?? `bench_membership_${members}`;
  if (!/^bench_[A-Za-z0-9_]{1,50}$/.test(db)) throw new UsageError(`BENCH_DB must start with bench_ (got "${db}")\n${USAGE}`);
  return {
    members,
    db,
    importSample: number('BENCH_IMPORT_SAMPLE', 500, 0, members),
    reports: number('BENCH_REPORTS', 50_000, 100),
    knownShare: number('BENCH_KNOWN_SHARE', 0.7, 0, 1, false),
    lookups: number('BENCH_LOOKUPS', 3000, 1),
    lookupBatches: number('BENCH_LOOKUP_BATCHES', 300, 1),
    lookupBudgetMs: number('BENCH_LOOKUP_BUDGET_S', 120, 1) * 1000,
    diagnosticBudgetMs: number('BENCH_DIAGNOSTIC_BUDGET_S', 60, 1) * 1000,
    attributionBudgetMs: number('BENCH_ATTRIBUTION_BUDGET_S', 900, 10) * 1000,
    intakePeak: number('BENCH_INTAKE_PEAK', 1500, 1),
    intakePeakAssumed: !env.BENCH_INTAKE_PEAK,
    pacedSeconds: number('BENCH_PACED_S', 30, 1),
    phases,
    cpuProfile: env.BENCH_CPU_PROF === '1',
    inProcess: service === 'in-process',
  };
}

interface AttributionRun {
  reports: number;
  publishSeconds: number;
  rawConsume: { events: number; perSecond: number; seconds: number };
  service: {
    attributed: number;
    complete: boolean;
    perSecond: number;
    /** From the service answering ready to its first attributed event (group join, first batch). */
    startupSeconds: number;
    seconds: number;
    lag: Latency;
    cpuSeconds: { service?: number; ferretdb?: number; kafka?: number };
  };
  paced: null | { skipped: string } | { offeredPerSecond: number; reports: number; attributed: number; perSecond: number; lag: Latency; keptUp: boolean };
  ratioToRaw: number;
  keepsUp: boolean;
  verdict: string;
  profile?: ProfileSummary;
  /** BENCH_SERVICE=in-process: wall time of each step of the attribution handler. */
  steps?: StepTime[];
}

function loadTree() {
  const loaded = orgTreeFromCsv(readFileSync(seedFilePath(undefined, __dirname), 'utf8'));
  if (!loaded.ok) throw new Error(`the reference units file is invalid: ${loaded.reason}`);
  return loaded.tree;
}

/** A topic created a moment ago may not have a leader in the broker's metadata yet. */
async function whenLeadersKnown<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 30 || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function dropAttributionState(store: mongoose.Connection): Promise<void> {
  for (const name of ['attributions', 'registrations']) await store.db!.dropCollection(name).catch(() => undefined);
}

interface Context {
  options: Options;
  servers: Servers;
  kafka: Kafka;
  admin: Admin;
  store: mongoose.Connection;
  groups: string[];
  stamp: string;
  resultsDir: string;
}

async function runAttribution(context: Context): Promise<AttributionRun> {
  const { options, kafka, admin, store, groups } = context;
  const runId = randomUUID().slice(0, 8);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  // The catalogue's topics, as the service's provisioner creates them, so that the backlog can go first.
  await createMissingTopics(admin, 1);
  const consumers: Array<{ disconnect(): Promise<void> }> = [];
  try {
    const published: Published = new Map();
    const reports = makeReports(options.reports, options, 42);
    const before = await whenLeadersKnown(() => admin.fetchTopicOffsets(REPORT_TOPICS.received));
    const publishSeconds = await publishBacklog(producer, reports, published);
    print(`  published ${reports.length} reports in ${publishSeconds.toFixed(1)} s`);
    const position = async (groupId: string) => {
      groups.push(groupId);
      await admin.setOffsets({ groupId, topic: REPORT_TOPICS.received, partitions: before.map(({ partition, offset }) => ({ partition, offset })) });
    };

    // Baseline: how fast a consumer that does nothing but read and parse gets through the backlog.
    const rawGroup = `connect-center-bench-raw-${runId}`;
    await position(rawGroup);
    const raw = new Arrivals(published);
    const rawConsumer = await readReports(kafka, rawGroup, REPORT_TOPICS.received, raw);
    await raw.until(reports.length, options.attributionBudgetMs);
    await rawConsumer.disconnect();
    const rawConsume = { events: raw.at.size, perSecond: raw.rate(), seconds: ((raw.lastAt ?? 0) - (raw.firstAt ?? 0)) / 1000 };
    print(`  raw kafkajs consume: ${rawConsume.events} events at ${Math.round(rawConsume.perSecond)}/s`);

    const readerGroup = `connect-center-bench-reader-${runId}`;
    groups.push(readerGroup);
    await whenLeadersKnown(() => groupAtEnd(admin, readerGroup, REPORT_TOPICS.attributed));
    const attributed = new Arrivals(published);
    consumers.push(await readReports(kafka, readerGroup, REPORT_TOPICS.attributed, attributed));

    const serviceGroup = `connect-center-bench-membership-${runId}`;
    await position(serviceGroup);
    await dropAttributionState(store);
    const profileDir = options.cpuProfile ? join(context.resultsDir, `membership-attribution-${context.stamp}-profile`) : undefined;
    const logFile = join(context.resultsDir, `membership-attribution-${context.stamp}-service.log`);
    const storePid = localServerPid('ferretdb');
    const kafkaPid = localServerPid('kafka');
    print(
      options.inProcess
        ? '  starting the membership service in this process, its handler steps timed'
        : `  starting the membership service (log ${logFile}${profileDir ? `, CPU profile in ${profileDir}` : ''})`,
    );
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SENDER_KEY_SECRET,
      KAFKA_BROKERS: context.servers.kafkaBrokers,
      MONGODB_URI: context.servers.mongoUri,
      MONGODB_DB: options.db,
      KAFKA_GROUP_ID: serviceGroup,
      MEMBERSHIP_CHANNEL_STATES: `${CHANNEL_ENDPOINT.id}=JH`,
    };
    const service: RunningMembership & { steps?: () => StepTime[] } = options.inProcess
      ? await startMembershipInProcess(env)
      : await startMembership({ env, logFile, ...(profileDir ? { cpuProfileDir: profileDir } : {}), readyTimeoutMs: 180_000 });
    const cpuBefore = { service: cpuSeconds(service.pid), ferretdb: cpuSeconds(storePid), kafka: cpuSeconds(kafkaPid) };
    let paced: AttributionRun['paced'] = null;
    let complete = false;
    let cpuUsed: AttributionRun['service']['cpuSeconds'] = {};
    try {
      const deadline = performance.now() + options.attributionBudgetMs;
      let lastReport = performance.now();
      while (!complete && performance.now() < deadline) {
        complete = await attributed.until(reports.length, Math.min(30_000, deadline - performance.now()));
        if (!complete && performance.now() - lastReport >= 30_000) {
          lastReport = performance.now();
          print(`    ${attributed.at.size} of ${reports.length} attributed after ${((performance.now() - service.readyAt) / 1000).toFixed(0)} s`);
        }
      }
      const cpuAfter = { service: cpuSeconds(service.pid), ferretdb: cpuSeconds(storePid), kafka: cpuSeconds(kafkaPid) };
      const used = (key: keyof typeof cpuAfter) => (cpuAfter[key] !== undefined && cpuBefore[key] !== undefined ? cpuAfter[key]! - cpuBefore[key]! : undefined);
      cpuUsed = { service: used('service'), ferretdb: used('ferretdb'), kafka: used('kafka') };

      const drainRate = attributed.rate();
      if (!complete) paced = { skipped: `the backlog was not attributed within BENCH_ATTRIBUTION_BUDGET_S (${options.attributionBudgetMs / 1000} s)` };
      else if (drainRate < options.intakePeak) paced = { skipped: `the backlog drained at ${Math.round(drainRate)}/s, below the peak: a paced run's lag could only grow` };
      else {
        print(`  paced: ${options.intakePeak} reports/s for ${options.pacedSeconds} s`);
        const pacedPublished: Published = new Map();
        const pacedReports = makeReports(Math.round(options.intakePeak * options.pacedSeconds), options, 43);
        const pacedArrivals = new Arrivals(pacedPublished);
        const pacedReader = `connect-center-bench-paced-${runId}`;
        groups.push(pacedReader);
        await groupAtEnd(admin, pacedReader, REPORT_TOPICS.attributed);
        consumers.push(await readReports(kafka, pacedReader, REPORT_TOPICS.attributed, pacedArrivals));
        const offered = await publishPaced(producer, pacedReports, options.intakePeak, pacedPublished);
        await pacedArrivals.until(pacedReports.length, 60_000);
        const lag = latencyOf(pacedArrivals.lags(), pacedReports.length);
        paced = {
          offeredPerSecond: offered,
          reports: pacedReports.length,
          attributed: pacedArrivals.at.size,
          perSecond: pacedArrivals.rate(),
          lag,
          keptUp: pacedArrivals.at.size === pacedReports.length && lag.p99Ms <= PACED_LAG_LIMIT_MS,
        };
      }
    } finally {
      await service.stop();
    }
    await dropAttributionState(store);

    const perSecond = attributed.rate();
    const keepsUp = complete && perSecond >= options.intakePeak && paced !== null && 'keptUp' in paced && paced.keptUp;
    const run: AttributionRun = {
      reports: reports.length,
      publishSeconds,
      rawConsume,
      service: {
        attributed: attributed.at.size,
        complete,
        perSecond,
        startupSeconds: attributed.firstAt === undefined ? Number.NaN : (attributed.firstAt - service.readyAt) / 1000,
        seconds: attributed.firstAt === undefined ? 0 : (attributed.lastAt! - attributed.firstAt) / 1000,
        lag: latencyOf(attributed.lags(), reports.length),
        cpuSeconds: cpuUsed,
      },
      paced,
      ratioToRaw: rawConsume.perSecond > 0 ? perSecond / rawConsume.perSecond : Number.NaN,
      keepsUp,
      verdict: keepsUp ? 'PASS' : 'MISS',
    };
    if (profileDir) run.profile = summariseProfile(profileDir);
    if (service.steps) run.steps = service.steps();
    return run;
  } finally {
    for (const consumer of consumers) await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
}

function printSeed(seed: SeedReport): void {
  print(`seed: ${seed.members} members, ${seed.identities} identities${seed.seededNow ? '' : ` (reused, seeded ${seed.seededAt})`}`);
  print(`  bulk: ${seed.bulk.members} members in ${seed.bulk.seconds.toFixed(0)} s = ${Math.round(seed.bulk.membersPerSecond)} members/s (${seed.bulk.method})`);
  if (seed.importPath) {
    print(
      `  the service's import path (importMembers + MongoMemberSink) on the full store: ${seed.importPath.members} members in ` +
        `${seed.importPath.seconds.toFixed(1)} s = ${seed.importPath.membersPerSecond.toFixed(1)} members/s`,
    );
  }
}

function printLookups(report: LookupReport): void {
  print();
  print(`${'identity lookup'.padEnd(42)}  ${'timed'.padStart(11)}  ${'p50'.padStart(9)}  ${'p99'.padStart(9)}  ${'max'.padStart(9)}  what`);
  for (const { name, what, latency } of report.rows) {
    print(
      `${name.padEnd(42)}  ${`${latency.count}/${latency.asked}`.padStart(11)}  ${formatMs(latency.p50Ms).padStart(9)}  ` +
        `${formatMs(latency.p99Ms).padStart(9)}  ${formatMs(latency.maxMs).padStart(9)}  ${what}`,
    );
  }
  for (const ratio of report.ratios) print(`ratio ${ratio.ours} / ${ratio.baseline}: p50 ${ratio.p50.toFixed(0)}x, p99 ${ratio.p99.toFixed(0)}x`);
  for (const plan of report.plans) print(`plan: ${plan.query}: filterPushdown ${String(plan.filterPushdown)}, ${JSON.stringify(plan.plan)}`);
}

function printAttribution(run: AttributionRun, options: Options): void {
  const { service } = run;
  print();
  print(`attribution of ${run.reports} reports (${Math.round(options.knownShare * 100)}% from members), from a backlog:`);
  print(`  raw kafkajs consume (baseline): ${Math.round(run.rawConsume.perSecond)} events/s`);
  print(
    `  membership service: ${service.attributed} of ${run.reports} attributed${service.complete ? '' : ' (time budget ran out)'}, ` +
      `${service.perSecond.toFixed(1)} events/s over ${service.seconds.toFixed(1)} s; start-up ${service.startupSeconds.toFixed(1)} s; ratio to raw ${(run.ratioToRaw * 100).toFixed(2)}%`,
  );
  print(`  publish → attributed (backlog, includes waiting in it): p50 ${formatMs(service.lag.p50Ms)}, p99 ${formatMs(service.lag.p99Ms)}`);
  const cpu = service.cpuSeconds;
  const fmt = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(1)} s`);
  print(`  CPU during the run: service${options.inProcess ? ' (this process)' : ''} ${fmt(cpu.service)}, FerretDB ${fmt(cpu.ferretdb)}, Kafka ${fmt(cpu.kafka)}`);
  if (run.paced && 'skipped' in run.paced) print(`  paced run at the peak: skipped (${run.paced.skipped})`);
  else if (run.paced) {
    print(
      `  paced run at ${Math.round(run.paced.offeredPerSecond)}/s: ${run.paced.attributed} of ${run.paced.reports} attributed, ` +
        `lag p50 ${formatMs(run.paced.lag.p50Ms)}, p99 ${formatMs(run.paced.lag.p99Ms)} (limit ${PACED_LAG_LIMIT_MS / 1000} s)`,
    );
  }
  print(
    `intake's peak ${options.intakePeak}/s${options.intakePeakAssumed ? ' (ASSUMED: set BENCH_INTAKE_PEAK to the measured figure)' : ''}; ` +
      `attribution reached ${service.perSecond.toFixed(1)}/s = ${((service.perSecond / options.intakePeak) * 100).toFixed(1)}% of it: ${run.verdict}`,
  );
  if (run.steps) {
    print('attribution handler, wall time by step (partitions overlap, so steps can add up to more than the run):');
    for (const step of run.steps) {
      print(`  ${step.step.padEnd(56)} ${String(step.calls).padStart(6)} calls  ${step.seconds.toFixed(1).padStart(8)} s  mean ${formatMs(step.meanMs).padStart(9)}  max ${formatMs(step.maxMs).padStart(9)}`);
    }
  }
  if (run.profile) {
    print(`service CPU profile (${run.profile.seconds.toFixed(1)} s sampled, ${run.profile.file}):`);
    for (const area of run.profile.byArea) print(`  ${(area.share * 100).toFixed(1).padStart(5)}%  ${area.area}`);
    print('  top functions (self time):');
    for (const fn of run.profile.topSelf.slice(0, 12)) print(`  ${(fn.share * 100).toFixed(1).padStart(5)}%  ${fn.fn}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  useSenderKeySecret(SENDER_KEY_SECRET);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const resultsDir = join(repositoryRoot(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const servers = await useServers((message) => print(`  ${message}`));
  const kafka = new Kafka({ clientId: 'connect-center-bench', brokers: servers.kafkaBrokers.split(','), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const store = await mongoose.createConnection(servers.mongoUri, { dbName: options.db }).asPromise();
  const groups: string[] = [];
  try {
    await admin.connect();
    const build = (await store.db!.admin().command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      os: `${process.platform} ${release()}`,
      node: process.version,
      loadAverageAtStart: loadavg(),
      store: build.ferretdbVersion ? `FerretDB ${build.ferretdbVersion}` : `MongoDB ${build.version}`,
      kafka: servers.kafkaBrokers,
    };
    print(
      `membership at scale: ${options.members} members (${options.db}), ${options.reports} reports, ${machine.cpus} CPUs, node ${process.version}, ` +
        `${machine.store}, kafka ${servers.kafkaBrokers}, load ${loadavg()[0]!.toFixed(2)}`,
    );
    if (options.intakePeakAssumed) print(`intake's peak: ASSUMED ${options.intakePeak} requests/s (BENCH_INTAKE_PEAK not set)`);

    const tree = loadTree();
    const seed = await seedMembers(store, tree, { members: options.members, importSample: options.importSample, log: (message) => print(`  ${message}`) });
    printSeed(seed);

    let lookups: LookupReport | undefined;
    if (options.phases.has('lookup')) {
      print(`identity lookups (${options.lookups} single, ${options.lookupBatches} of ${BATCH_KEYS}, at most ${options.lookupBudgetMs / 1000} s each):`);
      lookups = await measureLookups(store, {
        members: options.members,
        singles: options.lookups,
        batches: options.lookupBatches,
        knownShare: options.knownShare,
        budgetMs: options.lookupBudgetMs,
        diagnosticBudgetMs: options.diagnosticBudgetMs,
        mongoUri: servers.mongoUri,
        baselineDb: `bench_membership_baseline_${stamp.slice(0, 10).replace(/-/g, '')}`,
        log: print,
      });
      printLookups(lookups);
    }

    let attribution: AttributionRun | undefined;
    if (options.phases.has('attribution')) {
      print();
      print('attribution:');
      attribution = await runAttribution({ options, servers, kafka, admin, store, groups, stamp, resultsDir });
      printAttribution(attribution, options);
    }

    const file = join(resultsDir, `membership-attribution-${stamp}.json`);
    const { phases, ...settings } = options;
    writeFileSync(
      file,
      `${JSON.stringify({ bench: 'membership-attribution', at: new Date().toISOString(), machine, options: { ...settings, phases: [...phases] }, seed, lookups, attribution }, null, 2)}\n`,
    );
    print();
    print(`results: ${file}`);
  } finally {
    if (groups.length > 0) await admin.deleteGroups(groups).catch((error: unknown) => print(`could not delete consumer groups ${groups.join(', ')}: ${String(error)}`));
    await Promise.allSettled([admin.disconnect(), store.close()]);
    await releaseServers(servers, (message) => print(`  ${message}`));
  }
}

main().catch((error: unknown) => {
  const detail = error instanceof UsageError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`bench failed: ${detail}\n`);
  process.exitCode = 1;
});

