/**
 * Intake throughput: signed WhatsApp webhooks into the real intake service (its own process: verify
 * the signature, parse, log the canonical report to report-accepted with acks=all, answer 200 once
 * Kafka has it; its deduplicator stores each report and publishes report-received behind, and the
 * bench waits for it to drain and prints its rate: answered per second is not stored per second),
 * beside a raw Fastify hello-world, a store-free door (intake's steps without Nest and the store:
 * the ceiling of any door here) and a raw kafkajs batched producer, measured in the same run on the
 * same machine.
 *
 *   npm run -s build && node dist/bench/intake-webhook.js [--seconds 10] [--connections 100]
 *
 * See bench/README.md. A measurement, not a test: the exit code is 0 whatever the figures, 1 only
 * when a run could not be measured (a server down, a contender that failed).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { ReportReceivedEvent, TOPIC_CATALOGUE, Topics } from '@cc/contracts';
import { type ChildServer, startChildServer } from './child-server';
import { type LoadResult, runLoad } from './http-load';
import { type ProducerBaselineResult, runProducerBaseline } from './kafka-producer-baseline';
import { runPaced } from './paced-load';
import { releaseServers, repoRoot, type Servers, useServers } from './servers';
import { recordBytes, reportReceivedRecord, WEBHOOK_PATH, WhatsAppWebhooks } from './whatsapp-webhooks';

const TARGET_RATIO = 0.35;
const TARGET_P99_MS = 50;
const APP_SECRET = 'bench-app-secret-0123456789abcdef';
/** Production refuses to start without one (it keys the sender pseudonyms). */
const SENDER_KEY_SECRET = 'bench-sender-key-secret-0123456789abcdef';
/**
 * Intake's consumer (the Kafka ingress, idle here) gets a short session, so that the group of an
 * intake that had to be killed can be deleted soon after; the wait is a little longer.
 */
const SESSION_TIMEOUT_MS = 10_000;
const GROUP_DELETE_TIMEOUT_MS = SESSION_TIMEOUT_MS + 10_000;
/** How long the deduplicator may take to record what the webhooks logged, after the last phase. */
const DRAIN_TIMEOUT_MS = 15 * 60_000;
/** Records the raw producer cycles through. */
const PRODUCER_POOL_BATCHES = 8;

interface Options {
  seconds: number;
  warmupSeconds: number;
  /** Connection counts to find each server's peak with; the best is its peak. */
  connections: number[];
  senders: number;
  kafkaBatch: number;
  intakeLogLevel: string;
  intakeNodeOptions: string[];
  /** The intake entry point to run: the build in dist/ unless another one is to be compared. */
  intakeScript: string;
}

const USAGE =
  'usage: node dist/bench/intake-webhook.js [--seconds 10] [--warmup-seconds 3] [--connections 10,100] [--senders 100000] [--kafka-batch 500]\n' +
  '       [--intake-log-level warn] [--intake-node-options="--cpu-prof --cpu-prof-dir=/tmp/intake-prof"] [--intake-script dist/services/intake/src/main.js]\n' +
  '       (or BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_SENDERS, BENCH_KAFKA_BATCH, BENCH_INTAKE_LOG_LEVEL, BENCH_INTAKE_NODE_OPTIONS, BENCH_INTAKE_SCRIPT)';

class UsageError extends Error {}

const print = (line = ''): void => void process.stdout.write(`${line}\n`);

function parseOptions(): Options {
  const env = process.env;
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        seconds: { type: 'string', default: env.BENCH_SECONDS ?? '10' },
        'warmup-seconds': { type: 'string', default: env.BENCH_WARMUP_SECONDS ?? '3' },
        connections: { type: 'string', default: env.BENCH_CONNECTIONS ?? '10,100' },
        senders: { type: 'string', default: env.BENCH_SENDERS ?? '100000' },
        'kafka-batch': { type: 'string', default: env.BENCH_KAFKA_BATCH ?? '500' },
        'intake-log-level': { type: 'string', default: env.BENCH_INTAKE_LOG_LEVEL ?? 'warn' },
        'intake-node-options': { type: 'string', default: env.BENCH_INTAKE_NODE_OPTIONS ?? '' },
        'intake-script': { type: 'string', default: env.BENCH_INTAKE_SCRIPT ?? join(repoRoot(), 'dist', 'services', 'intake', 'src', 'main.js') },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const integer = (name: string, min: number, text = values[name]): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} must be a whole number >= ${min} (got "${text}")\n${USAGE}`);
    return value;
  };
  return {
    seconds: integer('seconds', 1),
    warmupSeconds: integer('warmup-seconds', 0),
    connections: values.connections!.split(',').map((count) => integer('connections', 1, count.trim())),
    senders: integer('senders', 1),
    kafkaBatch: integer('kafka-batch', 1),
    intakeLogLevel: values['intake-log-level']!,
    intakeNodeOptions: values['intake-node-options']!.split(/\s+/).filter(Boolean),
    intakeScript: resolve(values['intake-script']!),
  };
}

interface Peak {
  /** The best of the sweep. */
  peak: LoadResult;
  /** One run per connection count. */
  sweep: LoadResult[];
}

interface IntakeRun extends Peak {
  /** Half of the peak rate, as autocannon's `overallRate` sends it. */
  half: LoadResult;
  /** Half of the peak rate, evenly paced. */
  halfPaced: LoadResult;
  /** Half of the pace the deduplicator drained at (a load the store keeps up with), evenly paced. */
  halfStored: LoadResult;
  /** 2xx answers over every intake phase, warm-up included. */
  answered: number;
  /** Reports in the run's database once intake has stopped. */
  stored: number;
  /** Records added to the report-received topic while intake ran (others may publish too). */
  topicGrowth: number;
  deduplicator: DeduplicatorRun;
  exit: number | string;
}

/** Intake's deduplicator behind the webhooks: report-accepted read back, stored, published as report-received. */
interface DeduplicatorRun {
  /** Records the webhooks logged to report-accepted over every phase. */
  logged: number;
  /** Records logged and not yet recorded when the peak phases ended. */
  backlogAfterPeak: number;
  /** Seconds it took to record that backlog with no HTTP load. */
  drainSeconds: number;
  /** Records per second while draining it: the deduplicator's (the store's) own pace. */
  drainRate: number;
  /** Records not yet recorded when the half-peak phases ended, and when the half-stored-pace one did. */
  backlogAfterHalf: number;
  backlogAfterHalfStored: number;
}

/** Logged and recorded records of report-accepted: the topic's end and the group's committed offsets. */
async function acceptedLog(admin: Admin, groupId: string): Promise<{ end: number; committed: number }> {
  const ends = await admin.fetchTopicOffsets(Topics.ReportAccepted);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [Topics.ReportAccepted] });
  const committedBy = new Map((committed?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]));
  return {
    end: ends.reduce((sum, { high }) => sum + Number(high), 0),
    // No commit yet on a partition: the group starts at its beginning (low).
    committed: ends.reduce((sum, { partition, low }) => sum + Math.max(committedBy.get(partition) ?? -1, Number(low)), 0),
  };
}

/** Waits until the deduplicator has recorded every logged record (or DRAIN_TIMEOUT_MS has passed), timing it. */
async function drain(admin: Admin, groupId: string): Promise<{ backlog: number; seconds: number; rate: number; log: { end: number; committed: number } }> {
  const startedAt = performance.now();
  const before = await acceptedLog(admin, groupId);
  for (;;) {
    const log = await acceptedLog(admin, groupId);
    const seconds = (performance.now() - startedAt) / 1000;
    if (log.committed >= log.end || seconds * 1000 > DRAIN_TIMEOUT_MS) {
      return { backlog: before.end - before.committed, seconds, rate: (log.committed - before.committed) / Math.max(seconds, 0.001), log };
    }
    await sleep(500);
  }
}

const fmt = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

function row(cells: Array<string | number>): string {
  const widths = [38, 26, 7, 8, 8, 8, 14, 5];
  return cells.map((cell, i) => (i >= 2 ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!))).join('  ');
}

function loadRow(name: string, result: LoadResult): string {
  const load = !result.overallRate ? `c=${result.connections}` : result.generator === 'paced' ? `R=${result.overallRate}/s, <=${result.connections} sockets` : `c=${result.connections}, R=${result.overallRate}/s`;
  return row([
    name,
    load,
    fmt(result.rps, result.rps < 10 ? 1 : 0),
    fmt(result.latencyMs.p50, 2),
    fmt(result.latencyMs.p99, 2),
    fmt(result.latencyMs.max, 0),
    `${result.non2xx}/${result.errors}/${result.timeouts}`,
    result.generatorCores.toFixed(2),
  ]);
}

/**
 * A warm-up, then one run per connection count; the one with the most 2xx per second is the
 * server's peak. Returns the 2xx answers of the warm-up too (they are stored like the others).
 */
async function findPeak(
  server: ChildServer,
  webhooks: WhatsAppWebhooks,
  options: Options,
  onRun: (result: LoadResult) => void,
): Promise<Peak & { warmUpOk: number }> {
  // With the fewest connections: enough to warm the JIT up, without leaving a slow server a queue.
  const warmUp = { connections: Math.min(...options.connections), seconds: options.warmupSeconds };
  const warmUpOk = options.warmupSeconds === 0 ? 0 : (await runLoad(server.url, WEBHOOK_PATH, webhooks, warmUp)).ok;
  const sweep: LoadResult[] = [];
  for (const connections of options.connections) {
    const result = await runLoad(server.url, WEBHOOK_PATH, webhooks, { connections, seconds: options.seconds });
    onRun(result);
    sweep.push(result);
  }
  const peak = sweep.reduce((best, result) => (result.rps > best.rps ? result : best));
  return { peak, sweep, warmUpOk };
}

async function measureFastify(options: Options, webhooks: WhatsAppWebhooks, onRun: (result: LoadResult) => void): Promise<Peak> {
  const fastify = await startChildServer({
    name: 'fastify hello-world',
    script: join(__dirname, 'fastify-hello.js'),
    env: { PATH: process.env.PATH, NODE_ENV: 'production' },
    ready: async (url) => (await fetch(`${url}/ready`)).ok,
  });
  try {
    const { peak, sweep } = await findPeak(fastify, webhooks, options, onRun);
    return { peak, sweep };
  } finally {
    await fastify.stop();
  }
}

/**
 * A new group would start at the beginning of the topics intake consumes (the Kafka ingress) and
 * turn every earlier run's messages into reports while it is measured: commit it at their end.
 */
async function startGroupAtEnd(admin: Admin, groupId: string): Promise<void> {
  const existing = new Set(await admin.listTopics());
  for (const { name } of TOPIC_CATALOGUE.filter((topic) => existing.has(topic.name))) {
    const offsets = await admin.fetchTopicOffsets(name);
    await admin.setOffsets({ groupId, topic: name, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
  }
}

/** An intake that had to be killed stays a member of its group until its session times out. */
async function deleteGroup(admin: Admin, groupId: string): Promise<void> {
  const giveUpAt = Date.now() + GROUP_DELETE_TIMEOUT_MS;
  for (;;) {
    try {
      await admin.deleteGroups([groupId]);
      return;
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await sleep(2000);
    }
  }
}

async function topicEnd(admin: Admin): Promise<number> {
  return (await admin.fetchTopicOffsets(ReportReceivedEvent.topic)).reduce((sum, { high }) => sum + Number(high), 0);
}

/** `INTAKE_*` variables of this process (e.g. the group commit's) go to intake as they are, to compare settings. */
function intakeSettings(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('INTAKE_') && entry[1] !== undefined));
}

async function measureIntake(
  options: Options,
  servers: Servers,
  admin: Admin,
  store: mongoose.Connection,
  names: { dbName: string; groupId: string },
  onPhase: (name: string, result: LoadResult) => void,
): Promise<IntakeRun> {
  await startGroupAtEnd(admin, names.groupId);
  const topicBefore = await topicEnd(admin);
  const webhooks = new WhatsAppWebhooks(APP_SECRET, options.senders);
  const intake = await startChildServer({
    name: 'intake',
    script: options.intakeScript,
    nodeOptions: options.intakeNodeOptions,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: options.intakeLogLevel,
      HTTP_HOST: '127.0.0.1',
      KAFKA_BROKERS: servers.kafkaBrokers,
      MONGODB_URI: servers.mongoUri,
      MONGODB_DB: names.dbName,
      KAFKA_CLIENT_ID: names.groupId,
      KAFKA_GROUP_ID: names.groupId,
      KAFKA_CONSUMER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      WHATSAPP_APP_SECRET: APP_SECRET,
      SENDER_KEY_SECRET,
      ...intakeSettings(),
    },
    ready: async (url) => (await fetch(`${url}/health/ready`)).ok,
  });
  let exit: number | string | undefined;
  try {
    const logAtStart = await acceptedLog(admin, names.groupId);
    const { peak, sweep, warmUpOk } = await findPeak(intake, webhooks, options, (result) => onPhase('intake', result));
    // The backlog the peak left, drained with no HTTP load: the deduplicator's (the store's) own pace.
    const afterPeak = await drain(admin, names.groupId);
    // At half of the peak rate, with the connections that reached the peak.
    const halfRate = Math.max(1, Math.round(peak.rps / 2));
    const half = await runLoad(intake.url, WEBHOOK_PATH, webhooks, { connections: peak.connections, seconds: options.seconds, overallRate: halfRate });
    onPhase('intake, half of peak (autocannon)', half);
    const halfPaced = await runPaced(intake.url, WEBHOOK_PATH, webhooks, { connections: peak.connections, seconds: options.seconds, rate: halfRate });
    onPhase('intake, half of peak (evenly paced)', halfPaced);
    const afterHalf = await drain(admin, names.groupId);
    // A load the store keeps up with: half of the pace the deduplicator drained at.
    const storedRate = Math.max(1, Math.round(afterPeak.rate / 2));
    const halfStored = await runPaced(intake.url, WEBHOOK_PATH, webhooks, { connections: peak.connections, seconds: options.seconds, rate: storedRate });
    onPhase('intake, half of the stored pace (paced)', halfStored);
    const afterHalfStored = await drain(admin, names.groupId);
    const answered = warmUpOk + sweep.reduce((sum, result) => sum + result.ok, 0) + half.ok + halfPaced.ok + halfStored.ok;
    const deduplicator: DeduplicatorRun = {
      logged: afterHalfStored.log.end - logAtStart.end,
      backlogAfterPeak: afterPeak.backlog,
      drainSeconds: afterPeak.seconds,
      drainRate: afterPeak.rate,
      backlogAfterHalf: afterHalf.backlog,
      backlogAfterHalfStored: afterHalfStored.backlog,
    };
    for (const phase of [afterPeak, afterHalf, afterHalfStored]) {
      if (phase.log.committed < phase.log.end) print(`the deduplicator had not drained after ${DRAIN_TIMEOUT_MS / 1000} s: ${phase.log.end - phase.log.committed} records left`);
    }
    exit = await intake.stop();
    if (exit !== 0) print(`intake exited ${exit}; its last lines:\n${intake.lastOutput().slice(-5).map((line) => line.slice(0, 300)).join('\n')}`);
    const stored = await store.useDb(names.dbName, { useCache: false }).collection('reports').countDocuments();
    return { peak, sweep, half, halfPaced, halfStored, answered, stored, topicGrowth: (await topicEnd(admin)) - topicBefore, deduplicator, exit };
  } finally {
    if (exit === undefined) await intake.stop();
  }
}

/** The baselines' own topic, with the partitions and replication of the one intake writes, so that acks=all means the same. */
async function createRunTopic(admin: Admin, topic: string): Promise<void> {
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [ReportReceivedEvent.topic] })).topics;
  await admin.createTopics({
    topics: [{ topic, numPartitions: metadata!.partitions.length, replicationFactor: metadata!.partitions[0]!.replicas.length }],
    waitForLeaders: true,
  });
}

/** Intake's steps without Nest and without the store (bench/store-free-door.ts), on the run's topic. */
async function measureStoreFreeDoor(options: Options, servers: Servers, topic: string, onRun: (result: LoadResult) => void): Promise<Peak> {
  const door = await startChildServer({
    name: 'store-free door',
    script: join(__dirname, 'store-free-door.js'),
    env: { PATH: process.env.PATH, NODE_ENV: 'production', KAFKA_BROKERS: servers.kafkaBrokers, TOPIC: topic, WHATSAPP_APP_SECRET: APP_SECRET },
    ready: async (url) => (await fetch(`${url}/ready`)).ok,
  });
  try {
    const { peak, sweep } = await findPeak(door, new WhatsAppWebhooks(APP_SECRET, options.senders), options, onRun);
    return { peak, sweep };
  } finally {
    await door.stop();
  }
}

async function measureProducer(kafka: Kafka, admin: Admin, options: Options, topic: string): Promise<{ result: ProducerBaselineResult; recordBytes: number }> {
  const webhooks = new WhatsAppWebhooks(APP_SECRET, options.senders);
  const records = Array.from({ length: options.kafkaBatch * PRODUCER_POOL_BATCHES }, () => reportReceivedRecord(webhooks.next()));
  const result = await runProducerBaseline(kafka, { topic, seconds: options.seconds, warmupSeconds: options.warmupSeconds, batchSize: options.kafkaBatch, records });
  return { result, recordBytes: recordBytes(records[0]!) };
}

/** FerretDB answers buildInfo like MongoDB 7 and adds its own version. */
async function describeStore(store: mongoose.Connection): Promise<string> {
  const info = (await store.db!.admin().buildInfo()) as { version?: string; ferretdbVersion?: string };
  return info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version ?? '?'}`;
}

function machine() {
  const cores = cpus();
  return {
    os: `${type()} ${release()} ${arch()}`,
    cpuModel: cores[0]?.model ?? 'unknown',
    cpus: cores.length,
    totalMemGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    loadavgAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const startedAt = new Date();
  const host = machine();
  const servers: Servers = await useServers((message) => print(`  ${message}`));
  const runId = randomUUID().slice(0, 8);
  const names = { dbName: `bench_intake_${runId}`, groupId: `connect-center-bench-intake-${runId}`, topic: `connect-center-bench-intake-${runId}` };
  const kafka = new Kafka({ clientId: 'connect-center-bench', brokers: servers.kafkaBrokers.split(','), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const store = await mongoose.createConnection(servers.mongoUri).asPromise();
  let topicCreated = false;
  let intakeStarted = false;
  try {
    await admin.connect();
    const sample = new WhatsAppWebhooks(APP_SECRET, 1).next();
    print(
      `intake webhook: ${options.seconds} s per run (+${options.warmupSeconds} s warm-up), peak over ${options.connections.join(', ')} connections, ` +
        `${options.senders} senders, body ${sample.body.length} B; ${host.cpus} x ${host.cpuModel}, node ${host.node}, load ${host.loadavgAtStart.join(' ')}`,
    );
    const storeProduct = await describeStore(store);
    const settings = Object.entries(intakeSettings());
    if (settings.length > 0) print(`intake settings: ${settings.map(([name, value]) => `${name}=${value}`).join(' ')}`);
    print(`kafka ${servers.kafkaBrokers}, store ${servers.mongoUri.replace(/\/\/[^@/]*@/, '//***@')} (${storeProduct})`);
    print('latency (2xx only, in the load generator): from the request written (autocannon) or due (paced) to the answer read;');
    print('non-2xx/err/to: counts; gen: CPU cores the load generator used (it shares the machine with the servers)');
    print();
    print(row(['contender', 'load', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx/err/to', 'gen']));

    const fastify = await measureFastify(options, new WhatsAppWebhooks(APP_SECRET, options.senders), (result) => print(loadRow('raw Fastify hello-world', result)));

    intakeStarted = true;
    const intake = await measureIntake(options, servers, admin, store, names, (name, result) => print(loadRow(name, result)));

    topicCreated = true;
    await createRunTopic(admin, names.topic);
    const door = await measureStoreFreeDoor(options, servers, names.topic, (result) => print(loadRow('store-free door (no Nest, no store)', result)));
    const producer = await measureProducer(kafka, admin, options, names.topic);
    const p = producer.result;
    print(
      row([`raw kafkajs sendBatch(${options.kafkaBatch}), acks=all`, '1 producer', Math.round(p.mps), fmt(p.batchLatencyMs.p50, 2), fmt(p.batchLatencyMs.p99, 2), fmt(p.batchLatencyMs.max, 0), '']) +
        '  (msg/s; latency per batch)',
    );

    const ratioFastify = intake.peak.rps / fastify.peak.rps;
    const ratioKafka = intake.peak.rps / p.mps;
    const ratioDoor = door.peak.rps / fastify.peak.rps;
    const throughputPass = ratioFastify >= TARGET_RATIO;
    const latencyPass = intake.halfPaced.latencyMs.p99 < TARGET_P99_MS;
    const autocannonLatencyPass = intake.half.latencyMs.p99 < TARGET_P99_MS;
    const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
    print();
    print(
      `peak: fastify ${Math.round(fastify.peak.rps)} req/s (c=${fastify.peak.connections}), intake ${fmt(intake.peak.rps, intake.peak.rps < 10 ? 1 : 0)} req/s (c=${intake.peak.connections})`,
    );
    print(`intake / fastify: ${ratioFastify.toFixed(3)}x (target >= ${TARGET_RATIO}x)  ${verdict(throughputPass)}`);
    print(`intake / kafkajs: ${ratioKafka.toFixed(3)}x (webhooks/s over the raw producer's messages/s)`);
    print(
      `store-free door: ${Math.round(door.peak.rps)} req/s (c=${door.peak.connections}) = ${ratioDoor.toFixed(3)}x fastify, the most a door doing intake's work ` +
        `without Nest and the store reaches here; intake / door ${(intake.peak.rps / door.peak.rps).toFixed(3)}x`,
    );
    print(
      `intake p99 at half of peak (${intake.halfPaced.overallRate} req/s), evenly paced: ${fmt(intake.halfPaced.latencyMs.p99, 2)} ms ` +
        `(target < ${TARGET_P99_MS} ms)  ${verdict(latencyPass)}`,
    );
    print(
      `  autocannon overallRate: ${fmt(intake.half.latencyMs.p99, 2)} ms  ${verdict(autocannonLatencyPass)} ` +
        `(its busiest 100 ms carried ${fmt(intake.half.burstiness)}x the mean: each connection sends its share of a second back to back)`,
    );
    print(`intake 2xx per second, peak phase: ${intake.peak.okBySecond.join(' ')}`);
    const dedupe = intake.deduplicator;
    print(
      `deduplicator (report-accepted → store → report-received): ${dedupe.logged} logged; the peak phases left ${dedupe.backlogAfterPeak} to record, ` +
        `drained in ${fmt(dedupe.drainSeconds)} s = ${Math.round(dedupe.drainRate)} reports/s (the store's pace); backlog after the half-peak phases ${dedupe.backlogAfterHalf}, ` +
        `after the half-stored-pace phase ${dedupe.backlogAfterHalfStored}`,
    );
    print(
      `intake p99 at half of the stored pace (${intake.halfStored.overallRate} req/s, a load the store keeps up with), evenly paced: ${fmt(intake.halfStored.latencyMs.p99, 2)} ms ` +
        `(target < ${TARGET_P99_MS} ms)  ${verdict(intake.halfStored.latencyMs.p99 < TARGET_P99_MS)}`,
    );
    const storeCheck = intake.stored >= intake.answered && intake.topicGrowth >= intake.answered ? 'ok' : 'MISMATCH';
    print(
      `store check: ${intake.answered} webhooks answered 2xx, ${intake.stored} reports stored, report-received grew by ${intake.topicGrowth}: ${storeCheck}` +
        (intake.stored > intake.answered ? ` (${intake.stored - intake.answered} stored without a 2xx: answered 503 or still open at a phase's end)` : ''),
    );
    print(`intake exit: ${intake.exit}; raw producer record ${producer.recordBytes} B (key + value + headers), webhook body ${sample.body.length} B`);

    const results = {
      bench: 'intake-webhook',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: host,
      servers: { kafka: servers.kafkaBrokers, store: servers.mongoUri.replace(/\/\/[^@/]*@/, '//***@'), storeProduct },
      options,
      intakeSettings: intakeSettings(),
      payload: { webhookBodyBytes: sample.body.length, recordBytes: producer.recordBytes, senders: options.senders },
      fastify: { peak: fastify.peak, sweep: fastify.sweep },
      intakePeak: intake.peak,
      intakeSweep: intake.sweep,
      intakeHalfPeakAutocannon: intake.half,
      intakeHalfPeakPaced: intake.halfPaced,
      intakeHalfStoredPacePaced: intake.halfStored,
      storeFreeDoor: { peak: door.peak, sweep: door.sweep },
      kafkajs: { ...p, batchSize: options.kafkaBatch },
      ratios: { intakeOverFastify: ratioFastify, intakeOverKafkajs: ratioKafka, storeFreeDoorOverFastify: ratioDoor, intakeOverStoreFreeDoor: intake.peak.rps / door.peak.rps },
      targets: {
        throughput: { target: `intake/fastify >= ${TARGET_RATIO}`, reached: ratioFastify, pass: throughputPass },
        latency: {
          target: `p99 < ${TARGET_P99_MS} ms at half of peak`,
          reachedMs: intake.halfPaced.latencyMs.p99,
          pass: latencyPass,
          autocannonOverallRate: { reachedMs: intake.half.latencyMs.p99, pass: autocannonLatencyPass },
        },
      },
      deduplicator: intake.deduplicator,
      checks: { answered2xx: intake.answered, stored: intake.stored, reportReceivedGrowth: intake.topicGrowth, intakeExit: intake.exit, result: storeCheck },
    };
    const dir = join(repoRoot(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `intake-webhook-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    print(`results: ${file}`);
  } finally {
    // Only now: intake has stopped (FerretDB must not lose a database's file under a live connection).
    if (intakeStarted) {
      await store
        .useDb(names.dbName, { useCache: false })
        .dropDatabase()
        .catch((error: unknown) => print(`could not drop ${names.dbName}: ${String(error)}`));
      await deleteGroup(admin, names.groupId).catch((error: unknown) => print(`could not delete consumer group ${names.groupId}: ${String(error)}`));
    }
    if (topicCreated) await admin.deleteTopics({ topics: [names.topic] }).catch((error: unknown) => print(`could not delete topic ${names.topic}: ${String(error)}`));
    await Promise.allSettled([admin.disconnect(), store.close()]);
    await releaseServers(servers, (message) => print(`  ${message}`));
  }
}

main().catch((error: unknown) => {
  const detail = error instanceof UsageError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`bench failed: ${detail}\n`);
  process.exitCode = 1;
});
