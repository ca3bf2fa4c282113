import { parseArgs } from 'node:util';

export interface SystemBenchOptions {
  /** Message rates to run, in order; when absent, rates rise from `start` by `factor` up to `maxRate`. */
  rates?: number[];
  start: number;
  factor: number;
  maxRate: number;
  stepSeconds: number;
  warmupSeconds: number;
  /** After each step, how long the bench waits for the step's reports to reach the feed. */
  drainSeconds: number;
  targetP99Ms: number;
  /** Stop after this many steps in a row that did not keep up. */
  stopAfter: number;
  members: number;
  seed: number;
  complaintShare: number;
  retryShare: number;
  kafkaSeconds: number;
  logLevel: string;
}

export const DEFAULTS: Omit<SystemBenchOptions, 'seed' | 'rates'> = {
  start: 20,
  factor: 1.5,
  maxRate: 2000,
  stepSeconds: 300,
  warmupSeconds: 30,
  drainSeconds: 60,
  targetP99Ms: 1000,
  stopAfter: 1,
  members: 200,
  complaintShare: 0.25,
  retryShare: 0.05,
  kafkaSeconds: 20,
  logLevel: 'info',
};

export const USAGE = `Usage: npm run bench:system -- [options]

Starts Kafka and the store (unless KAFKA_BROKERS and MONGODB_URI are set), the five built
services as their own processes, and drives realistic channel traffic (the simulator's) through
intake at rising rates, each sustained for --step-seconds, until the pipeline falls behind. Then
the raw Kafka ceiling with the same message size. Results: bench/results/system-<time>.{json,md}.

Options:
  --rates <r1,r2,...>     messages/s to run, in order (default: rise from --start by --factor)
  --start <n>             first rate (default ${DEFAULTS.start})
  --factor <x>            each next rate is this times the last (default ${DEFAULTS.factor})
  --max-rate <n>          do not go above (default ${DEFAULTS.maxRate})
  --step-seconds <n>      how long each rate is sustained (default ${DEFAULTS.stepSeconds})
  --warmup-seconds <n>    traffic at the first rate before measuring, not counted (default ${DEFAULTS.warmupSeconds})
  --drain-seconds <n>     after a step, how long its reports may take to reach the feed (default ${DEFAULTS.drainSeconds})
  --target-p99-ms <n>     end-to-end p99 a step must stay under (default ${DEFAULTS.targetP99Ms})
  --stop-after <n>        stop after this many steps in a row that fell behind (default ${DEFAULTS.stopAfter})
  --members <n>           known members imported first (default ${DEFAULTS.members})
  --seed <n>              traffic seed (default: random, printed)
  --complaint-share <x>   share of text that is a complaint (default ${DEFAULTS.complaintShare})
  --retry-share <x>       share of requests a provider sends again (default ${DEFAULTS.retryShare})
  --kafka-seconds <n>     how long the raw Kafka producer runs (default ${DEFAULTS.kafkaSeconds})
  --log-level <level>     the services' LOG_LEVEL (default ${DEFAULTS.logLevel}, as deployed)`;

export class UsageError extends Error {}

const OPTION_NAMES = ['rates', 'start', 'factor', 'max-rate', 'step-seconds', 'warmup-seconds', 'drain-seconds', 'target-p99-ms', 'stop-after', 'members', 'seed', 'complaint-share', 'retry-share', 'kafka-seconds', 'log-level'] as const;

function number(name: string, value: string | undefined, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed)) throw new UsageError(`--${name} must be ${rule}, got "${value}"`);
  return parsed;
}

export function parseOptions(argv: readonly string[], randomSeed: () => number = () => Math.floor(Math.random() * 2 ** 31)): SystemBenchOptions | 'help' {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        help: { type: 'boolean' },
        ...Object.fromEntries(OPTION_NAMES.map((name) => [name, { type: 'string' as const }])),
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  if (values.help === true) return 'help';
  const text = (name: string) => values[name] as string | undefined;
  const positive = (name: string, fallback: number) => number(name, text(name), fallback, (n) => n > 0, 'a number above 0');
  const whole = (name: string, fallback: number, min: number) => number(name, text(name), fallback, (n) => Number.isInteger(n) && n >= min, `a whole number from ${min}`);
  const share = (name: string, fallback: number) => number(name, text(name), fallback, (n) => n >= 0 && n <= 1, 'a number from 0 to 1');
  const rates = text('rates')
    ?.split(',')
    .map((rate) => number('rates', rate, 0, (n) => n > 0, 'a comma-separated list of rates above 0'));
  const logLevel = text('log-level') ?? DEFAULTS.logLevel;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(logLevel)) throw new UsageError(`--log-level must be fatal, error, warn, info, debug or trace, got "${logLevel}"`);
  return {
    ...(rates ? { rates } : {}),
    start: positive('start', DEFAULTS.start),
    factor: number('factor', text('factor'), DEFAULTS.factor, (n) => n > 1, 'a number above 1'),
    maxRate: positive('max-rate', DEFAULTS.maxRate),
    stepSeconds: positive('step-seconds', DEFAULTS.stepSeconds),
    warmupSeconds: number('warmup-seconds', text('warmup-seconds'), DEFAULTS.warmupSeconds, (n) => n >= 0, 'a number from 0'),
    drainSeconds: positive('drain-seconds', DEFAULTS.drainSeconds),
    targetP99Ms: positive('target-p99-ms', DEFAULTS.targetP99Ms),
    stopAfter: whole('stop-after', DEFAULTS.stopAfter, 1),
    members: whole('members', DEFAULTS.members, 0),
    seed: whole('seed', randomSeed(), 0),
    complaintShare: share('complaint-share', DEFAULTS.complaintShare),
    retryShare: share('retry-share', DEFAULTS.retryShare),
    kafkaSeconds: positive('kafka-seconds', DEFAULTS.kafkaSeconds),
    logLevel,
  };
}

/** The rates the run tries, in order: the list given, or rising geometrically (rounded) up to the maximum. */
export function rateSchedule(options: Pick<SystemBenchOptions, 'rates' | 'start' | 'factor' | 'maxRate'>): number[] {
  if (options.rates) return options.rates;
  const rates: number[] = [];
  for (let rate = options.start; rate <= options.maxRate; rate *= options.factor) rates.push(Math.round(rate));
  return rates;
}
