import { readdirSync, readFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem } from 'node:os';
import type { KafkaCeiling } from './kafka-ceiling';
import type { SystemBenchOptions } from './options';
import type { Sample } from './sampler';
import { formatMs, type StageFigures, type StepFigures, type StepVerdict } from './traces';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  arch: string;
  node: string;
  /** Kafka's version, from the broker's jar; the store as deploy/local runs it. */
  kafka: string;
  store: string;
  loadAverageAtStart: number[];
}

export interface StepResult {
  rate: number;
  seconds: number;
  sent: number;
  /** Messages answered 2xx. */
  accepted: number;
  missed: number;
  refused: Record<string, number>;
  figures: StepFigures;
  verdict: StepVerdict;
  /** Messages behind per consumer group when the step's traffic stopped, and the most seen during it. */
  lagAtEnd: Record<string, number>;
  maxLag: Record<string, number>;
  cores: Record<string, number>;
  loadAverage: number;
}

export interface SystemBenchResult {
  startedAt: string;
  machine: Machine;
  options: SystemBenchOptions;
  members: string;
  steps: StepResult[];
  /** The highest rate that kept up, and its end-to-end p99. */
  highestKeptUp?: { rate: number; reportsPerSecond: number; p99Ms: number };
  kafka?: KafkaCeiling;
  notificationsSent: number;
}

/** The local broker's version, from the jars on its class path (`.../lib/*`); the broker's protocol does not tell it. */
function kafkaVersion(): string {
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!args.includes('kafka.Kafka')) continue;
    for (const classPath of args.flatMap((arg) => arg.split(':')).filter((part) => part.endsWith('/lib/*'))) {
      try {
        const jar = readdirSync(classPath.slice(0, -2)).map((name) => /^kafka-server-([\d.]+)\.jar$/.exec(name)).find(Boolean);
        if (jar) return `Apache Kafka ${jar[1]}`;
      } catch {
        // Not readable: try the next entry.
      }
    }
  }
  return 'Apache Kafka (version unknown: no local broker process)';
}

export function describeMachine(store: string): Machine {
  const processors = cpus();
  let memoryGiB = totalmem() / 2 ** 30;
  try {
    // A cgroup limit, when there is one, is what the processes get.
    const limit = Number(readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim());
    if (Number.isFinite(limit)) memoryGiB = Math.min(memoryGiB, limit / 2 ** 30);
  } catch {
    // No cgroup v2 limit.
  }
  return {
    cpuModel: processors[0]?.model ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(memoryGiB * 10) / 10,
    kernel: release(),
    arch: arch(),
    node: process.version,
    kafka: kafkaVersion(),
    store,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** Lag when the traffic stopped, and the most any sample saw, per group. */
export function lagFigures(samples: readonly Sample[], atEnd: Record<string, number>): { lagAtEnd: Record<string, number>; maxLag: Record<string, number> } {
  const maxLag: Record<string, number> = { ...atEnd };
  for (const sample of samples) for (const [group, lag] of Object.entries(sample.lag)) maxLag[group] = Math.max(maxLag[group] ?? 0, lag);
  return { lagAtEnd: atEnd, maxLag };
}

const stageRow = (name: string, figures: StageFigures) =>
  `| ${name} | ${figures.count} | ${formatMs(figures.p50)} | ${formatMs(figures.p90)} | ${formatMs(figures.p99)} | ${formatMs(figures.max)} |`;

export function markdown(result: SystemBenchResult): string {
  const { machine } = result;
  const lines = [
    `# System benchmark, ${result.startedAt}`,
    '',
    `Machine: ${machine.cores} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Linux ${machine.kernel} (${machine.arch}), Node ${machine.node}, ${machine.kafka} (one broker), ${machine.store}; everything on it (five services, Kafka, the store, this load generator and feed reader). Load average at start: ${machine.loadAverageAtStart.join(', ')}.`,
    '',
    `Traffic: the simulator's mix (WhatsApp of every type with several messages per POST and status callbacks, Twilio and Gupshup SMS, app reports; Hindi, English, Hinglish), ${result.members}, complaint share ${result.options.complaintShare}, provider retries ${result.options.retryShare}, seed ${result.options.seed}. Each rate sustained ${result.options.stepSeconds} s after a ${result.options.warmupSeconds} s warm-up; target: intake accepted → state feed p99 < ${result.options.targetP99Ms} ms.`,
    '',
    '| messages/s | sent | 2xx | reports | on feed | end-to-end p50 | p99 | max | kept up | why not |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.steps.map(
      (step) =>
        `| ${step.rate} | ${step.sent} | ${step.accepted} | ${step.figures.reports} (${(step.figures.reports / step.seconds).toFixed(1)}/s) | ${step.figures.fed} | ${formatMs(step.figures.endToEnd.p50)} | ${formatMs(step.figures.endToEnd.p99)} | ${formatMs(step.figures.endToEnd.max)} | ${step.verdict.keptUp ? 'yes' : 'no'} | ${step.verdict.reasons.join('; ')} |`,
    ),
    '',
    result.highestKeptUp
      ? `**Highest rate that kept up: ${result.highestKeptUp.rate} messages/s (${result.highestKeptUp.reportsPerSecond.toFixed(1)} reports/s), end-to-end p99 ${formatMs(result.highestKeptUp.p99Ms)}.**`
      : '**No rate kept up.**',
    '',
  ];
  for (const step of result.steps) {
    lines.push(
      `## ${step.rate} messages/s`,
      '',
      '| stage | n | p50 | p90 | p99 | max |',
      '| --- | --- | --- | --- | --- | --- |',
      stageRow('intake: request → 2xx (from its due time)', step.figures.stages.intakeAnswer),
      stageRow('membership: report-received → report-attributed', step.figures.stages.membership),
      stageRow('reporting: report-attributed → state feed record', step.figures.stages.reportingFeed),
      stageRow('feed record → read by a plain consumer', step.figures.stages.feedToReader),
      stageRow('grievance: report-attributed → case opened (complaints)', step.figures.stages.grievanceCase),
      stageRow('**end to end: 2xx → state feed read**', step.figures.endToEnd),
      '',
      `Consumer lag when the traffic stopped (most seen during the step): ${
        Object.keys(step.lagAtEnd).length === 0
          ? '–'
          : Object.entries(step.lagAtEnd)
              .map(([group, lag]) => `${group} ${lag} (${step.maxLag[group] ?? lag})`)
              .join(', ')
      }. Cores used: ${Object.entries(step.cores)
        .sort(([, a], [, b]) => b - a)
        .map(([family, cores]) => `${family} ${cores.toFixed(2)}`)
        .join(', ')}. Load average ${step.loadAverage.toFixed(2)}.${Object.keys(step.refused).length ? ` Not 2xx: ${JSON.stringify(step.refused)}.` : ''}${step.missed ? ` Sends more than 1 s late: ${step.missed}.` : ''}`,
      '',
    );
  }
  if (result.kafka) {
    const k = result.kafka;
    lines.push(
      '## Raw Kafka, same message size',
      '',
      `${Math.round(k.messageBytes)}-byte records (report-received's mean, value and headers), ${k.partitions} partitions, kafkajs with the services' producer settings (idempotent, acks=all, one batch of ${k.batchSize} in flight), a consumer reading meanwhile, then a new group reading the backlog:`,
      '',
      '| measure | figure |',
      '| --- | --- |',
      `| produce (acks=all) | ${Math.round(k.producePerSecond)} messages/s; batch p50 ${formatMs(k.produceBatchMs.p50)}, p99 ${formatMs(k.produceBatchMs.p99)} |`,
      `| consume while producing | ${Math.round(k.consumeWhileProducingPerSecond)} messages/s; record → read p50 ${formatMs(k.produceToReadMs.p50)}, p99 ${formatMs(k.produceToReadMs.p99)} |`,
      `| consume a backlog | ${Math.round(k.backlogReadPerSecond)} messages/s |`,
      result.highestKeptUp ? `| pipeline's highest kept-up rate / raw produce | ${((result.highestKeptUp.reportsPerSecond / k.producePerSecond) * 100).toFixed(2)}% (reports/s against messages/s) |` : '',
      '',
    );
  }
  lines.push(`Notifications the services sent to the provider fakes during the run: ${result.notificationsSent}.`, '');
  return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n');
}
