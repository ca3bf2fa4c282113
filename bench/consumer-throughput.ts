/**
 * Consumer throughput: the reporting service's batched path (eachBatch + one bulk insert per batch)
 * against a one-message-at-a-time consumer (eachMessage + insertOne), on the same broker and store,
 * measured in the same run, alternating, so that the ratio holds on a shared and noisy machine.
 *
 *   npm run -s build && node dist/bench/consumer-throughput.js [--events 5000] [--rounds 2]
 *
 * See bench/README.md. A measurement, not a test: the exit code is 0 whatever the ratio, 1 only
 * when a run could not be measured (a server down, a contender that did not finish in time).
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { ReportReceivedEvent } from '@cc/contracts';
import { type Backlog, publishBacklog } from './backlog';
import { BATCHED, runBatched } from './batched-contender';
import { ONE_AT_A_TIME, runOneAtATime } from './one-at-a-time-contender';
import { releaseServers, type Servers, useServers } from './servers';
import type { Measurement } from './stopwatch';

const TARGET_RATIO = 10;

interface Options {
  events: number;
  rounds: number;
  timeoutMs: number;
  baselineConcurrency: number;
}

interface Contender {
  key: 'a' | 'b';
  name: string;
  run(backlog: Backlog): Promise<Measurement>;
}

interface Run {
  round: number;
  contender: Contender;
  measurement: Measurement;
  load: number;
  check: string;
}

const USAGE = 'usage: node dist/bench/consumer-throughput.js [--events 5000] [--rounds 2] [--timeout-s 600] [--baseline-concurrency 1]';

class UsageError extends Error {}

const print = (line = ''): void => void process.stdout.write(`${line}\n`);

function parseOptions(): Options {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        events: { type: 'string', default: '5000' },
        rounds: { type: 'string', default: '2' },
        'timeout-s': { type: 'string', default: '600' },
        'baseline-concurrency': { type: 'string', default: '1' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const integer = (name: string, min: number): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} must be a whole number >= ${min} (got "${values[name]}")\n${USAGE}`);
    return value;
  };
  return {
    events: integer('events', 1),
    rounds: integer('rounds', 1),
    timeoutMs: integer('timeout-s', 1) * 1000,
    baselineConcurrency: integer('baseline-concurrency', 1),
  };
}

const perSecond = (events: number, ms: number): number => (events * 1000) / ms;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What the store holds afterwards: every backlog event logged once and counted once. */
async function check(store: mongoose.Connection, backlog: Backlog): Promise<string> {
  const db = store.useDb(backlog.dbName, { useCache: false });
  const logged = await db.collection('report_log').countDocuments({ unitCode: backlog.unitCode });
  const parts = await db.collection<{ reports: number }>('unit_activity').find({ unitCode: backlog.unitCode }).toArray();
  const counted = parts.reduce((sum, part) => sum + part.reports, 0);
  return logged === backlog.events && counted === backlog.events ? 'ok' : `MISMATCH: ${logged} logged, ${counted} counted`;
}

function row(cells: Array<string | number>): string {
  const widths = [5, 42, 7, 9, 7, 9, 9, 5];
  return cells.map((cell, i) => (i >= 2 ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!))).join('  ');
}

function printRun(run: Run): void {
  const { measurement: m } = run;
  print(
    row([
      run.round,
      run.contender.name,
      m.applied,
      (m.elapsedMs / 1000).toFixed(2),
      Math.round(perSecond(m.applied, m.elapsedMs)),
      m.eventsPerWrite.toFixed(0),
      (m.startupMs / 1000).toFixed(2),
      run.load.toFixed(2),
    ]) + `  ${run.check}`,
  );
}

function printSummary(runs: Run[], rounds: number): void {
  const rates = (key: Contender['key']) => runs.filter((run) => run.contender.key === key).map((run) => perSecond(run.measurement.applied, run.measurement.elapsedMs));
  const [batched, single] = [rates('a'), rates('b')];
  print();
  for (let round = 1; round <= rounds; round++) {
    print(`round ${round}: ratio ${(batched[round - 1]! / single[round - 1]!).toFixed(1)}x`);
  }
  const ratio = median(batched) / median(single);
  print(
    `median: ${BATCHED}: ${Math.round(median(batched))} ev/s | ${ONE_AT_A_TIME}: ${Math.round(median(single))} ev/s | ` +
      `ratio ${ratio.toFixed(1)}x (target >= ${TARGET_RATIO}x) ${ratio >= TARGET_RATIO ? 'PASS' : 'BELOW TARGET'}`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions();
  const servers: Servers = await useServers((message) => print(`  ${message}`));
  const kafka = new Kafka({ clientId: 'connect-center-bench', brokers: servers.kafkaBrokers.split(','), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const store = await mongoose.createConnection(servers.mongoUri).asPromise();
  const groups: string[] = [];
  try {
    await Promise.all([admin.connect(), producer.connect()]);
    const partitions = (await admin.fetchTopicOffsets(ReportReceivedEvent.topic)).length;
    const contenders: Record<Contender['key'], Contender> = {
      a: { key: 'a', name: BATCHED, run: (backlog) => runBatched(backlog, servers, options.timeoutMs) },
      b: {
        key: 'b',
        name: options.baselineConcurrency === 1 ? ONE_AT_A_TIME : `${ONE_AT_A_TIME} x${options.baselineConcurrency}`,
        run: (backlog) => runOneAtATime(backlog, servers, kafka, { timeoutMs: options.timeoutMs, concurrency: options.baselineConcurrency }),
      },
    };

    print(
      `consumer throughput: ${options.events} report-received events per run, ${options.rounds} round(s), ` +
        `${ReportReceivedEvent.topic} (${partitions} partitions), ${cpus().length} CPUs, node ${process.version}`,
    );
    print(`kafka ${servers.kafkaBrokers}, store ${servers.mongoUri.replace(/\/\/[^@/]*@/, '//***@')}`);
    print('ev/s: events / seconds from the first event to the last one applied; ev/write: events per report_log write;');
    print('start-up: consumer start to first event (s); load: 1-minute load average before the run');
    print();
    print(row(['round', 'contender', 'events', 'time (s)', 'ev/s', 'ev/write', 'start-up', 'load']) + '  store check');

    const runId = randomUUID().slice(0, 8);
    const runs: Run[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      // Alternate who goes first, so that drift on the machine does not favour one contender.
      const order = round % 2 === 1 ? [contenders.b, contenders.a] : [contenders.a, contenders.b];
      for (const contender of order) {
        const backlog: Backlog = {
          events: options.events,
          unitCode: `BENCH-${runId}-${round}${contender.key}`.toUpperCase(),
          groupId: `connect-center-bench-${runId}-${round}${contender.key}`,
          dbName: `bench_${runId}_${round}${contender.key}`,
        };
        groups.push(backlog.groupId);
        await publishBacklog(admin, producer, backlog);
        const load = loadavg()[0]!;
        try {
          const measurement = await contender.run(backlog);
          const run: Run = { round, contender, measurement, load, check: await check(store, backlog) };
          runs.push(run);
          printRun(run);
        } finally {
          // Only now: the contender's consumer and connections have stopped (FerretDB must not lose
          // a database's file under a live connection).
          await store.useDb(backlog.dbName, { useCache: false }).dropDatabase();
        }
      }
    }
    printSummary(runs, options.rounds);
  } finally {
    if (groups.length > 0) await admin.deleteGroups(groups).catch((error: unknown) => print(`could not delete consumer groups ${groups.join(', ')}: ${String(error)}`));
    await Promise.allSettled([producer.disconnect(), admin.disconnect(), store.close()]);
    await releaseServers(servers, (message) => print(`  ${message}`));
  }
}

main().catch((error: unknown) => {
  const detail = error instanceof UsageError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`bench failed: ${detail}\n`);
  process.exitCode = 1;
});
