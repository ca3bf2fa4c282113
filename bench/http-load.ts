import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { SignedWebhook } from './whatsapp-webhooks';

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Requests per second over all connections (autocannon `overallRate`); unlimited when absent. */
  overallRate?: number;
}

export interface LoadResult {
  /** autocannon (closed loop, optionally rate-limited per connection and second) or evenly paced open loop. */
  generator: 'autocannon' | 'paced';
  connections: number;
  overallRate?: number;
  seconds: number;
  /** Answered 2xx. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** 2xx per second of the run. */
  rps: number;
  latencyMs: Percentiles;
  /**
   * How evenly the answers came: answers in the busiest 100 ms of the run over the mean per
   * 100 ms (1 is perfectly even). autocannon paces `overallRate` per connection and per second,
   * so a rate-limited run comes in bursts at the start of each second.
   */
  burstiness: number;
  /** 2xx answers in each whole second of the run, in order: shows a rate that drifts. */
  okBySecond: number[];
  /** CPU the load generator's process used, in cores (on 2 cores it competes with the server). */
  generatorCores: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const REQUEST_TIMEOUT_S = 10;
const WINDOW_MS = 100;

/**
 * Sends signed webhooks with autocannon for a fixed time and measures each 2xx answer itself,
 * from the moment the request was written to the last byte of the answer: autocannon's own
 * histogram counts whole milliseconds and, under `overallRate`, "corrects" for coordinated
 * omission with an interval of 1 ms whatever the rate (`Math.ceil(1 / rate)`), which adds made-up
 * samples below every real one.
 */
export function runLoad(url: string, path: string, webhooks: { next(): SignedWebhook }, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        timeout: REQUEST_TIMEOUT_S,
        ...(options.overallRate ? { overallRate: options.overallRate, ignoreCoordinatedOmission: true } : {}),
        requests: [
          {
            method: 'POST',
            path,
            setupRequest: (request) => {
              const { body, signature } = webhooks.next();
              return { ...request, body, headers: { ...request.headers, 'content-type': 'application/json', 'x-hub-signature-256': signature } };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const elapsedS = (performance.now() - startedAt) / 1000;
        resolve({
          generator: 'autocannon',
          connections: options.connections,
          ...(options.overallRate ? { overallRate: options.overallRate } : {}),
          seconds: elapsedS,
          ok: latencies.length,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          rps: latencies.length / elapsedS,
          latencyMs: percentiles(latencies),
          ...summarise(answeredAt, startedAt, elapsedS * 1000),
          generatorCores: coresUsedSince(cpuAtStart, elapsedS * 1000),
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (statusCode < 200 || statusCode > 299) return;
      latencies.push(responseTimeMs);
      answeredAt.push(performance.now());
    });
  });
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1]! };
}

/** Answers per whole window of `windowMs` (a last, partial window is left out). */
function countPerWindow(answeredAt: number[], startedAt: number, elapsedMs: number, windowMs: number): number[] {
  const windows = new Array<number>(Math.max(1, Math.floor(elapsedMs / windowMs))).fill(0);
  for (const at of answeredAt) {
    const index = Math.floor((at - startedAt) / windowMs);
    if (index < windows.length) windows[index]! += 1;
  }
  return windows;
}

export function coresUsedSince(cpuAtStart: NodeJS.CpuUsage, elapsedMs: number): number {
  const { user, system } = process.cpuUsage(cpuAtStart);
  return (user + system) / 1000 / elapsedMs;
}

/** How the answers were spread over the run (see {@link LoadResult}). */
export function summarise(answeredAt: number[], startedAt: number, elapsedMs: number): Pick<LoadResult, 'burstiness' | 'okBySecond'> {
  const windows = countPerWindow(answeredAt, startedAt, elapsedMs, WINDOW_MS);
  const mean = windows.reduce((sum, count) => sum + count, 0) / windows.length;
  return { burstiness: mean === 0 ? NaN : Math.max(...windows) / mean, okBySecond: countPerWindow(answeredAt, startedAt, elapsedMs, 1000) };
}
