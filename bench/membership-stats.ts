import { performance } from 'node:perf_hooks';

export interface Latency {
  /** How many were timed (fewer than asked when the time budget ran out). */
  count: number;
  asked: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Operations per second, one after another. */
  perSecond: number;
}

/** Nearest rank: with fewer than 100 samples, p99 is the largest. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function latencyOf(samples: readonly number[], asked: number): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = samples.reduce((sum, ms) => sum + ms, 0);
  return {
    count: samples.length,
    asked,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: total / Math.max(samples.length, 1),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    perSecond: (samples.length * 1000) / Math.max(total, 1e-9),
  };
}

/**
 * Runs `operation(i)` one at a time, `count` times or until `budgetMs` is spent (at least once),
 * and times each.
 */
export async function timeEach(count: number, budgetMs: number, operation: (i: number) => Promise<unknown>): Promise<Latency> {
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < count && (i === 0 || performance.now() < until); i++) {
    const started = performance.now();
    await operation(i);
    samples.push(performance.now() - started);
  }
  return latencyOf(samples, count);
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** A deterministic generator, so that runs pick the same keys. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
