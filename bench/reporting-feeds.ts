/**
 * Feed routing keeps up with intake's peak: a backlog of N realistic attributed reports (and some
 * case events) of Jharkhand is published to the source topics, then the built reporting service
 * starts in a fresh consumer group and the bench counts, by record id, the N feed records appearing
 * on the Jharkhand feed. Beside it, in the same run, the baseline: a raw kafkajs consume → produce
 * pipe copying the same events to a scratch topic with the feed's partitions (acks=all, offsets
 * committed after the copies are acknowledged), counted the same way.
 *
 *   npm run build && node dist/bench/reporting-feeds.js --events 20000 --case-share 0.1 --intake-peak 321
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Admin, Kafka, logLevel, type Message } from 'kafkajs';
import {
  CASE_EVENT_DEFINITIONS,
  type CaseEvent,
  CloudEventHeaders,
  type ReportAttributed,
  ReportAttributedEvent,
  stateFeedTopic,
  TOPIC_CATALOGUE,
  Topics,
} from '@cc/contracts';
import { cloudEventRecord, createMissingTopics } from '@cc/messaging';
import { feedRecordId } from '../services/reporting/src/feeds/feed-pseudonyms';
import { formatMs, seededRandom } from './membership-stats';
import { releaseServers, repoRoot, useServers } from './servers';

const JH_FEED = stateFeedTopic('JH');
const SOURCES = [Topics.ReportAttributed, Topics.CaseEvents] as const;
const SEND_CHUNK = 1000;
const CHANNELS = ['whatsapp', 'whatsapp', 'whatsapp', 'sms', 'sms', 'app'] as const;
const BLOCKS = [
  ['JH-RAN', 'JH-RAN-KANKE'],
  ['JH-RAN', 'JH-RAN-ANGARA'],
  ['JH-DHN', 'JH-DHN-BAGHMARA'],
  ['JH-BOK', 'JH-BOK-CHAS'],
] as const;
const TEXTS = [
  'आज प्रखंड कार्यालय में बैठक हुई, 40 कार्यकर्ता आए',
  'पंचायत भवन में राशन कार्ड शिविर, BDO नहीं आए',
  'CO कार्यालय में दाखिल-खारिज के लिए पैसे मांगे जा रहे हैं',
  'Booth committee meeting held in the panchayat, 25 workers present',
  'गांव में सड़क की मरम्मत नहीं हुई, शिकायत दर्ज करें',
];

interface Options {
  events: number;
  caseShare: number;
  intakePeak: number;
  timeoutSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { events: 20_000, caseShare: 0.1, intakePeak: 321, timeoutSeconds: 900 };
  const names: Record<string, keyof Options> = { '--events': 'events', '--case-share': 'caseShare', '--intake-peak': 'intakePeak', '--timeout-seconds': 'timeoutSeconds' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = names[argv[i]!];
    const value = Number(argv[i + 1]);
    if (!name || !Number.isFinite(value)) throw new Error(`unknown option ${argv[i]} ${argv[i + 1] ?? ''}`);
    options[name] = value;
  }
  return options;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

/** The backlog: attributed reports of Jharkhand's blocks (some declaring a complaint), and case events of a tenth as many cases. */
function backlog(options: Options, run: string): { reports: ReportAttributed[]; cases: CaseEvent[] } {
  const random = seededRandom(7);
  const at = Date.now() - 3_600_000;
  const reports = Array.from({ length: options.events }, (_, i): ReportAttributed => {
    const [district, block] = BLOCKS[i % BLOCKS.length]!;
    const receivedAt = new Date(at + i * 100).toISOString();
    const complaint = random() < 0.15;
    return {
      ...ReportAttributedEvent.example,
      reportId: randomUUID(),
      providerMessageId: `wamid.${run}.${i}`,
      senderKey: `snd_${run}_${i % 500}`,
      channel: CHANNELS[i % CHANNELS.length]!,
      text: `${TEXTS[i % TEXTS.length]!} (${run} ${i})`,
      keywords: complaint ? [{ category: 'bdo', matched: 'BDO' }] : [],
      media: [],
      receivedAt,
      ...(complaint ? { declaredComplaint: { category: 'bdo-conduct' as const } } : { declaredComplaint: undefined }),
      attribution: {
        memberId: `mbr_${run}_${i % 2000}`,
        trust: 'verified-member',
        unitCode: block,
        unitPath: ['IN', 'JH', district, block],
        unitSource: 'member-home',
        posts: [],
      },
      attributedAt: receivedAt,
    };
  });
  const caseCount = Math.round(options.events * options.caseShare);
  const cases = Array.from({ length: caseCount }, (_, i): CaseEvent => {
    const type = (['opened', 'acknowledged', 'assigned', 'resolved'] as const)[i % 4];
    const { dueAt: _dueAt, ...example } = CASE_EVENT_DEFINITIONS[type].example as CaseEvent;
    const caseId = `case_${run}${Math.floor(i / 4)}`;
    return {
      ...example,
      caseId,
      eventId: `${caseId}:${(i % 4) + 1}:${type}`,
      version: (i % 4) + 1,
      severity: i % 40 === 0 ? 'high' : 'normal',
      occurredAt: new Date(at + i * 1000).toISOString(),
      ...(type === 'assigned' ? { assigneeId: `mbr_${run}_${i % 2000}` } : {}),
      ...(type === 'resolved' ? { outcome: 'actioned' } : {}),
    } as CaseEvent;
  });
  return { reports, cases };
}

async function offsets(admin: Admin, topic: string): Promise<Array<{ partition: number; offset: string }>> {
  return (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high }));
}

/** A group positioned at the given offsets on the sources and at the end of every other catalogue topic. */
async function positionGroup(admin: Admin, groupId: string, sources: Map<string, Array<{ partition: number; offset: string }>>): Promise<void> {
  for (const { name } of TOPIC_CATALOGUE) {
    await admin.setOffsets({ groupId, topic: name, partitions: sources.get(name) ?? (await offsets(admin, name)) });
  }
}

/** Counts the distinct expected ids (`ce_id`) appearing on a topic from now on: first and last arrival. */
async function countOn(kafka: Kafka, admin: Admin, topic: string, expected: ReadonlySet<string>) {
  const groupId = `bench-feeds-reader-${randomUUID()}`;
  await admin.setOffsets({ groupId, topic, partitions: await offsets(admin, topic) });
  const consumer = kafka.consumer({ groupId });
  const seen = new Set<string>();
  let firstAt = 0;
  let lastAt = 0;
  let done: () => void = () => undefined;
  const complete = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        const id = message.headers?.[CloudEventHeaders.id]?.toString();
        if (!id || !expected.has(id) || seen.has(id)) continue;
        seen.add(id);
        if (firstAt === 0) firstAt = performance.now();
        lastAt = performance.now();
      }
      if (seen.size === expected.size) done();
    },
  });
  return {
    complete,
    seen: () => seen.size,
    span: () => ({ firstAt, lastAt }),
    stop: async () => {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    },
  };
}

async function waitOrTimeout(promise: Promise<void>, seconds: number, progress: () => string): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const ticker = setInterval(() => print(`  … ${progress()}`), 10_000);
  try {
    return await Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), seconds * 1000)))]);
  } finally {
    clearTimeout(timer);
    clearInterval(ticker);
  }
}

/** The baseline: consume the sources from `start`, copy every message as is to `scratch` (acks=all), commit after the copies are acknowledged. */
async function runPipe(kafka: Kafka, admin: Admin, scratch: string, start: Map<string, Array<{ partition: number; offset: string }>>) {
  const groupId = `bench-feeds-pipe-${randomUUID()}`;
  for (const topic of SOURCES) await admin.setOffsets({ groupId, topic, partitions: start.get(topic)! });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [...SOURCES] });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }) => {
      const messages: Message[] = batch.messages.map((message) => ({ key: message.key, value: message.value, headers: message.headers }));
      if (messages.length > 0) await producer.send({ topic: scratch, acks: -1, messages });
      const last = batch.messages[batch.messages.length - 1];
      if (last) {
        resolveOffset(last.offset);
        await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }] }] });
      }
      await heartbeat();
    },
  });
  return async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  };
}

async function startReporting(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'services', 'reporting', 'src', 'main.js')], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env, PORT: String(20000 + Math.floor(Math.random() * 20000)) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

interface Measured {
  records: number;
  complete: boolean;
  /** First to last record seen on the output topic. */
  spanMs: number;
  /** From the contender's start to the first record seen (group join, assignment, first fetch; the service's boot). */
  startupMs: number;
  perSecond: number;
}

const measured = (expected: number, seen: number, complete: boolean, startedAt: number, span: { firstAt: number; lastAt: number }): Measured => {
  const spanMs = span.lastAt - span.firstAt;
  return { records: seen, complete, spanMs, startupMs: span.firstAt - startedAt, perSecond: spanMs > 0 ? (seen - 1) / (spanMs / 1000) : 0 };
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
  const run = randomUUID().replaceAll('-', '').slice(0, 8);
  const servers = await useServers(print);
  const kafka = new Kafka({ clientId: 'bench-reporting-feeds', brokers: servers.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const scratch = `bench.reporting-feeds.scratch.${run}`;
  const feedPartitions = TOPIC_CATALOGUE.find((topic) => topic.name === JH_FEED)!.partitions;
  let reporting: ChildProcess | undefined;
  try {
    await createMissingTopics(admin, 1);
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: scratch, numPartitions: feedPartitions, replicationFactor: 1 }] });

    const { reports, cases } = backlog(options, run);
    const start = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const topic of SOURCES) start.set(topic, await offsets(admin, topic));
    print(`publishing ${reports.length} attributed reports and ${cases.length} case events of Jharkhand …`);
    const published = performance.now();
    for (let i = 0; i < reports.length; i += SEND_CHUNK) {
      await producer.send({
        topic: Topics.ReportAttributed,
        acks: -1,
        messages: reports.slice(i, i + SEND_CHUNK).map((data) => cloudEventRecord(ReportAttributedEvent, data, { id: data.reportId, source: '/connect-center/bench' })),
      });
    }
    for (let i = 0; i < cases.length; i += SEND_CHUNK) {
      await producer.send({
        topic: Topics.CaseEvents,
        acks: -1,
        messages: cases.slice(i, i + SEND_CHUNK).map((data) => cloudEventRecord(CASE_EVENT_DEFINITIONS[data.type], data, { id: data.eventId, source: '/connect-center/bench' })),
      });
    }
    print(`published in ${formatMs(performance.now() - published)}`);
    const sourceIds = new Set([...reports.map((report) => report.reportId), ...cases.map((event) => event.eventId)]);
    const feedIds = new Set([
      ...reports.map((report) => feedRecordId('JH', Topics.ReportAttributed, report.reportId)),
      ...cases.map((event) => feedRecordId('JH', Topics.CaseEvents, event.eventId)),
    ]);

    print(`baseline: raw kafkajs consume → produce pipe to ${scratch} (${feedPartitions} partitions, acks=all) …`);
    const pipeReader = await countOn(kafka, admin, scratch, sourceIds);
    const pipeStarted = performance.now();
    const stopPipe = await runPipe(kafka, admin, scratch, start);
    const pipeComplete = await waitOrTimeout(pipeReader.complete, options.timeoutSeconds, () => `${pipeReader.seen()} / ${sourceIds.size} copied`);
    const baseline = measured(sourceIds.size, pipeReader.seen(), pipeComplete, pipeStarted, pipeReader.span());
    await stopPipe();
    await pipeReader.stop();
    print(`baseline: ${baseline.records} records in ${formatMs(baseline.spanMs)} → ${Math.round(baseline.perSecond)}/s (start-up ${formatMs(baseline.startupMs)})`);

    const groupId = `connect-center-bench-reporting-feeds-${stamp}`;
    await positionGroup(admin, groupId, start);
    await positionGroup(admin, `${groupId}-feeds`, start);
    const feedReader = await countOn(kafka, admin, JH_FEED, feedIds);
    print(`reporting: the built service in group ${groupId}(-feeds), counting ${feedIds.size} records on ${JH_FEED} …`);
    const serviceStarted = performance.now();
    reporting = await startReporting({
      KAFKA_BROKERS: servers.kafkaBrokers,
      MONGODB_URI: servers.mongoUri,
      MONGODB_DB: `bench_reporting_feeds_${run}`,
      KAFKA_GROUP_ID: groupId,
      REPORTING_FEED_SECRET: 'bench-reporting-feed-secret-0123456789abcdef',
    });
    const feedComplete = await waitOrTimeout(feedReader.complete, options.timeoutSeconds, () => `${feedReader.seen()} / ${feedIds.size} on the feed`);
    const feed = measured(feedIds.size, feedReader.seen(), feedComplete, serviceStarted, feedReader.span());
    await feedReader.stop();
    print(`reporting: ${feed.records} feed records in ${formatMs(feed.spanMs)} → ${Math.round(feed.perSecond)}/s (boot to first record ${formatMs(feed.startupMs)})`);

    const ratio = baseline.perSecond > 0 ? feed.perSecond / baseline.perSecond : 0;
    const toIntake = feed.perSecond / options.intakePeak;
    print('');
    print('| what | records | span | records/s |');
    print('| --- | --- | --- | --- |');
    print(`| baseline: raw consume → produce pipe | ${baseline.records}${baseline.complete ? '' : ' (INCOMPLETE)'} | ${formatMs(baseline.spanMs)} | ${Math.round(baseline.perSecond)} |`);
    print(`| reporting feed routing (JH feed) | ${feed.records}${feed.complete ? '' : ' (INCOMPLETE)'} | ${formatMs(feed.spanMs)} | ${Math.round(feed.perSecond)} |`);
    print(`feed / baseline: ${ratio.toFixed(2)}; feed / intake's peak (${options.intakePeak}/s): ${toIntake.toFixed(1)}x — ${toIntake >= 1 ? 'keeps up' : 'MISS'}`);
    print(`load average: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);

    const resultsDir = join(repoRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `reporting-feeds-${stamp}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        { options, machine: { cpus: cpus().length, memory: totalmem(), loadavg: loadavg(), node: process.version }, events: { reports: reports.length, caseEvents: cases.length }, baseline, feed, ratio, toIntakePeak: toIntake },
        null,
        2,
      ),
    );
    print(`results: ${file}`);
  } finally {
    if (reporting) {
      reporting.kill('SIGTERM');
      await once(reporting, 'exit');
    }
    await admin.deleteTopics({ topics: [scratch] }).catch(() => undefined);
    await producer.disconnect();
    await admin.disconnect();
    await releaseServers(servers, print);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
