import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { ALL_TOPICS, deadLetterTopic, Topics } from '@cc/contracts';
import { loadGeography } from '../../tools/simulator/src/geography';
import { profileTraffic, resolveProfile } from '../../tools/simulator/src/local-profile';
import { membersOf } from '../../tools/simulator/src/people';
import { importMembers } from '../../tools/simulator/src/simulator';
import { TrafficGenerator } from '../../tools/simulator/src/traffic';
import { releaseServers, repoRoot, useServers } from '../servers';
import { Cluster, groupPrefixOf, SERVICES } from './cluster';
import { measureKafkaCeiling } from './kafka-ceiling';
import { LoadDriver } from './load';
import { parseOptions, rateSchedule, type SystemBenchOptions, USAGE, UsageError } from './options';
import { PipelineProbe } from './probe';
import { describeMachine, lagFigures, markdown, type StepResult, type SystemBenchResult } from './report';
import { startGroupsAtEnd } from '../../libs/testing/src/consumer-groups';
import { Sampler } from './sampler';
import { formatMs, stepFigures, type Trace, verdict } from './traces';

const SENDER_BURST = 10_000;
const SENDER_PER_MINUTE = 100_000;

const print = (line: string) => process.stdout.write(`${line}\n`);

/** Waits until every traced report of `traces` is on the feed, or the deadline. */
async function drain(traces: readonly Trace[], seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  const pending = () => traces.some((trace) => trace.acceptedAt !== undefined && trace.feedReadAt === undefined);
  while (Date.now() < until && pending()) await sleep(250);
}

/** Until the run's consumer groups have caught up with what the broker held before (a fresh group reads every topic from its start). */
async function waitForCatchUp(sampler: Sampler, seconds: number): Promise<Record<string, number>> {
  const until = Date.now() + seconds * 1000;
  let lag: Record<string, number> = {};
  while (Date.now() < until) {
    lag = await sampler.lagNow();
    if (Object.keys(lag).length >= SERVICES.length - 1 && Object.values(lag).every((behind) => behind === 0)) return lag;
    await sleep(2000);
  }
  return lag;
}

async function main(options: SystemBenchOptions): Promise<void> {
  const startedAt = new Date();
  const run = startedAt.toISOString().replace(/\D/g, '').slice(2, 14);
  const servers = await useServers(print);
  const external = Boolean(process.env.KAFKA_BROKERS && process.env.MONGODB_URI);
  const machine = describeMachine(external ? `the store at MONGODB_URI` : `FerretDB 1.24.2 on ${process.env.CC_STORE_BACKEND === 'sqlite' ? 'SQLite' : 'PostgreSQL 15'} (deploy/local)`);
  const kafka = new Kafka({ clientId: 'connect-center-bench-system', brokers: servers.kafkaBrokers.split(','), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  const groupPrefix = groupPrefixOf(run);
  // The services start where a long-running deployment would be instead of replaying the broker's
  // whole history (other runs' and tests' events) on the store while the bench measures. Units and
  // members (compacted: the current state) are still read from the start, as every deployment does.
  await startGroupsAtEnd(
    kafka,
    [...SERVICES, 'reporting-feeds'].map((name) => `${groupPrefix}${name}`),
    ALL_TOPICS.filter((topic) => topic !== Topics.OrgUnit && topic !== Topics.Member).flatMap((topic) => [topic, deadLetterTopic(topic)]),
  );
  print(`run ${run}: starting the five services …`);
  const cluster = await Cluster.start({ servers, run, senderBurst: SENDER_BURST, senderPerMinute: SENDER_PER_MINUTE, logLevel: options.logLevel });
  const probe = new PipelineProbe(kafka, `bench-system-probe-${run}`);
  const sampler = new Sampler(admin, cluster.groupPrefix, {
    services: Object.fromEntries([...cluster.processes].map(([service, child]) => [service, child.pid])),
    bench: process.pid,
  });
  const steps: StepResult[] = [];
  let kafkaCeiling: SystemBenchResult['kafka'];
  let membersLine = 'no members imported';
  try {
    const intakeUrl = cluster.url('intake');
    const env = { ...process.env, INTAKE_SENDER_BURST: String(SENDER_BURST), INTAKE_SENDER_PER_MINUTE: String(SENDER_PER_MINUTE) };
    const profile = await resolveProfile(env, intakeUrl);
    const geography = loadGeography();
    const members = membersOf(options.members, geography);
    if (members.length > 0) {
      const imported = await importMembers(cluster.url('membership'), members, profile);
      if (!imported.ok) throw new Error(imported.reason);
      membersLine = `${members.length} known members imported through membership's API`;
      print(`members: ${imported.line}`);
    }
    const caughtUp = await waitForCatchUp(sampler, 300);
    print(`consumer groups caught up with the broker's history: ${JSON.stringify(caughtUp)}`);
    await probe.start();
    sampler.start();
    const traffic = new TrafficGenerator(profileTraffic(profile, options, members, geography));
    const driver = new LoadDriver(intakeUrl, traffic, probe);
    const rates = rateSchedule(options);
    if (options.warmupSeconds > 0) {
      print(`warm-up: ${rates[0]} messages/s for ${options.warmupSeconds} s (not counted)`);
      const warm = await driver.run({ step: -1, rate: rates[0]!, durationMs: options.warmupSeconds * 1000 });
      await drain(warm.traces, options.drainSeconds);
    }
    let behind = 0;
    for (const [index, rate] of rates.entries()) {
      print(`step ${index + 1}: ${rate} messages/s for ${options.stepSeconds} s …`);
      const from = Date.now();
      sampler.beginStep();
      const outcome = await driver.run({ step: index, rate, durationMs: options.stepSeconds * 1000 });
      const cpu = sampler.endStep();
      const loadAverage = loadavg()[0]!;
      const lagAtEnd = await sampler.lagNow().catch(() => ({}));
      const to = Date.now();
      await drain(outcome.traces, options.drainSeconds);
      const figures = stepFigures(outcome.traces);
      const step: StepResult = {
        rate,
        seconds: options.stepSeconds,
        sent: outcome.sent,
        accepted: outcome.accepted,
        missed: outcome.missed,
        refused: outcome.refused,
        figures,
        verdict: verdict({ figures, sent: outcome.sent, accepted: outcome.accepted, missed: outcome.missed, targetP99Ms: options.targetP99Ms }),
        ...lagFigures(sampler.between(from, to), lagAtEnd),
        cores: cpu.cores,
        loadAverage,
      };
      steps.push(step);
      print(
        `  sent ${step.sent}, 2xx ${outcome.accepted}, reports ${figures.reports}, on the feed ${figures.fed}; end-to-end p50 ${formatMs(figures.endToEnd.p50)} p99 ${formatMs(figures.endToEnd.p99)}; ` +
          `${step.verdict.keptUp ? 'kept up' : `fell behind: ${step.verdict.reasons.join('; ')}`}`,
      );
      behind = step.verdict.keptUp ? 0 : behind + 1;
      if (behind >= options.stopAfter) break;
    }
    driver.close();
    await sampler.stop();
    print(`raw Kafka ceiling with ${Math.round(probe.meanReportRecordBytes())}-byte records …`);
    const partitions = (await admin.fetchTopicMetadata({ topics: [Topics.ReportReceived] })).topics[0]!.partitions.length;
    kafkaCeiling = await measureKafkaCeiling(kafka, { run, messageBytes: probe.meanReportRecordBytes() || 1500, partitions, seconds: options.kafkaSeconds, batchSize: 500 });
  } finally {
    await sampler.stop();
    await probe.stop().catch(() => undefined);
    const notificationsSent = cluster.notificationsSent();
    await cluster.stop();
    const best = steps.filter((step) => step.verdict.keptUp).sort((a, b) => b.rate - a.rate)[0];
    const result: SystemBenchResult = {
      startedAt: startedAt.toISOString(),
      machine,
      options,
      members: membersLine,
      steps,
      ...(best ? { highestKeptUp: { rate: best.rate, reportsPerSecond: best.figures.reports / best.seconds, p99Ms: best.figures.endToEnd.p99 } } : {}),
      ...(kafkaCeiling ? { kafka: kafkaCeiling } : {}),
      notificationsSent,
    };
    const directory = join(repoRoot(), 'bench', 'results');
    mkdirSync(directory, { recursive: true });
    const stem = join(directory, `system-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
    writeFileSync(`${stem}.json`, `${JSON.stringify(result, (_, value: unknown) => (value === Infinity ? 'Infinity' : value), 2)}\n`);
    const table = markdown(result);
    writeFileSync(`${stem}.md`, table);
    print(`\n${table}\nwritten to ${stem}.json and .md`);
    await cleanUp(admin, servers.mongoUri, run);
    await admin.disconnect();
    await releaseServers(servers, print);
  }
}

/** The run's consumer groups and databases: nothing of a run outlives it. */
async function cleanUp(admin: ReturnType<Kafka['admin']>, mongoUri: string, run: string): Promise<void> {
  const { groups } = await admin.listGroups();
  const ours = groups.map((group) => group.groupId).filter((id) => id.includes(`-${run}`));
  if (ours.length > 0) await admin.deleteGroups(ours).catch((error: unknown) => print(`could not delete consumer groups ${ours.join(', ')}: ${String(error)}`));
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    for (const service of SERVICES) await connection.useDb(`bench_system_${run}_${service}`, { useCache: false }).dropDatabase();
  } finally {
    await connection.close();
  }
}

let options: SystemBenchOptions | 'help';
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`bench:system: ${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (options === 'help') {
  print(USAGE);
} else {
  main(options).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench:system failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
