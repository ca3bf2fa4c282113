import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { coresUsedSince, type LoadResult, percentiles, summarise } from './http-load';
import type { SignedWebhook } from './whatsapp-webhooks';

export interface PacedOptions {
  /** Requests per second, sent at even intervals whatever the answers do (open loop). */
  rate: number;
  seconds: number;
  /** Sockets at most; a request finding them all busy waits, and its wait counts as latency. */
  connections: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
const TICK_MS = 1;

/**
 * An evenly paced, open-loop load: request i is due at start + i / rate and its latency runs from
 * then, not from when a socket was free, so a server that falls behind is charged for the
 * requests that wait (no coordinated omission). autocannon's `overallRate` instead lets each
 * connection send its share of a second back to back when the second starts, which makes a
 * "half of peak" run a burst at full concurrency followed by silence.
 */
export async function runPaced(url: string, path: string, webhooks: { next(): SignedWebhook }, options: PacedOptions): Promise<LoadResult> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const counts = { non2xx: 0, errors: 0, timeouts: 0 };
  const inFlight = new Set<Promise<void>>();
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;

  const send = (dueAt: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const { body, signature } = webhooks.next();
      const req = request(
        {
          agent,
          hostname,
          port,
          path,
          method: 'POST',
          timeout: REQUEST_TIMEOUT_MS,
          headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-hub-signature-256': signature },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const now = performance.now();
            if (res.statusCode! >= 200 && res.statusCode! <= 299) {
              latencies.push(now - dueAt);
              answeredAt.push(now);
            } else {
              counts.non2xx += 1;
            }
          });
          // Also when the answer breaks off: the run must not wait for it.
          res.on('close', resolve);
        },
      );
      req.on('timeout', () => {
        counts.timeouts += 1;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        counts.errors += 1;
        resolve();
      });
      req.end(body);
    });

  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  let sent = 0;
  try {
    while (sent < total) {
      const now = performance.now();
      while (sent < total && startedAt + sent * intervalMs <= now) {
        const work = send(startedAt + sent * intervalMs);
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
        sent += 1;
      }
      await sleep(TICK_MS);
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - startedAt;
  return {
    generator: 'paced',
    connections: options.connections,
    overallRate: options.rate,
    seconds: elapsedMs / 1000,
    ok: latencies.length,
    ...counts,
    rps: latencies.length / (elapsedMs / 1000),
    latencyMs: percentiles(latencies),
    ...summarise(answeredAt, startedAt, elapsedMs),
    generatorCores: coresUsedSince(cpuAtStart, elapsedMs),
  };
}
