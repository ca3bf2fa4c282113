import { CHANNELS, type Channel, type PlannedRequest } from './traffic';

/** How intake answered one request; `status` is undefined when no answer came (refused, timed out). */
export interface Outcome {
  status?: number;
  latencyMs: number;
  /** For non-2xx: the error body's code and message, or the network error. */
  reason?: string;
  /** Reports intake said it had already (a retry answered from the store). */
  duplicates: number;
}

interface ChannelStats {
  requests: number;
  retries: number;
  messages: number;
  ok: number;
  clientErrors: number;
  rateLimited: number;
  serverErrors: number;
  noAnswer: number;
  duplicates: number;
  latencies: number[];
}

export interface SummaryTotals {
  requests: number;
  messages: number;
  retries: number;
  ok: number;
  clientErrors: number;
  rateLimited: number;
  serverErrors: number;
  noAnswer: number;
  duplicates: number;
}

/**
 * Counts per channel and message type, latencies, and the reasons of every answer that was not
 * 2xx. A 429 is counted but expected (intake's per-sender limit); anything else is unexpected.
 */
export class Summary {
  private readonly channels = new Map<Channel, ChannelStats>(CHANNELS.map((channel) => [channel, emptyStats()]));
  private readonly types = new Map<string, number>();
  private readonly reasons = new Map<string, number>();
  /** Provider message ids of reports in requests answered 2xx. */
  readonly accepted = new Set<string>();
  /** Every report id the simulator sent, answered or not. */
  readonly sent = new Set<string>();
  /** Delivery statuses in requests answered 2xx, each time (a provider's retry publishes them again). */
  statusesAccepted = 0;
  maxLagMs = 0;
  /** Messages due before the end that were never sent: every request slot was waiting on intake. */
  notSent = 0;

  record(request: PlannedRequest, outcome: Outcome): void {
    const stats = this.channels.get(request.channel)!;
    stats.requests += 1;
    stats.messages += request.weight;
    if (request.retry) stats.retries += 1;
    for (const type of request.types) this.types.set(`${request.channel} ${type}`, (this.types.get(`${request.channel} ${type}`) ?? 0) + 1);
    for (const id of request.reportIds) this.sent.add(id);
    stats.latencies.push(outcome.latencyMs);
    stats.duplicates += outcome.duplicates;
    const { status } = outcome;
    if (status === undefined) stats.noAnswer += 1;
    else if (status >= 200 && status < 300) {
      stats.ok += 1;
      for (const id of request.reportIds) this.accepted.add(id);
      if (request.channel === 'whatsapp-status') this.statusesAccepted += request.weight;
    } else if (status === 429) stats.rateLimited += 1;
    else if (status >= 500) stats.serverErrors += 1;
    else stats.clientErrors += 1;
    if (status === undefined || status < 200 || status >= 300) {
      const key = `${status ?? 'no answer'} ${request.channel}: ${outcome.reason ?? '(no reason given)'}`;
      this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
    }
  }

  totals(): SummaryTotals {
    const totals: SummaryTotals = { requests: 0, messages: 0, retries: 0, ok: 0, clientErrors: 0, rateLimited: 0, serverErrors: 0, noAnswer: 0, duplicates: 0 };
    for (const stats of this.channels.values()) {
      for (const key of Object.keys(totals) as Array<keyof SummaryTotals>) totals[key] += stats[key];
    }
    return totals;
  }

  channel(channel: Channel): Omit<ChannelStats, 'latencies'> {
    const { latencies: _, ...stats } = this.channels.get(channel)!;
    return stats;
  }

  /** Anything but 2xx and 429: a 5xx, a 4xx (bad signature, bad request: a misconfiguration or a bug), no answer. */
  unexpected(): number {
    const { clientErrors, serverErrors, noAnswer } = this.totals();
    return clientErrors + serverErrors + noAnswer;
  }

  format(elapsedMs: number): string {
    const header = ['channel', 'requests', 'retries', 'messages', '2xx', '4xx', '429', '5xx', 'no answer', 'duplicate', 'p50 ms', 'p99 ms'];
    const rows: string[][] = [];
    const all: number[] = [];
    for (const [channel, stats] of this.channels) {
      if (stats.requests === 0) continue;
      all.push(...stats.latencies);
      rows.push([channel, ...counts(stats), ms(percentile(stats.latencies, 0.5)), ms(percentile(stats.latencies, 0.99))]);
    }
    const totals = this.totals();
    rows.push(['total', ...counts(totals), ms(percentile(all, 0.5)), ms(percentile(all, 0.99))]);
    const lines = [table(header, rows), ''];
    const types = [...this.types].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, count]) => `${type} ${count}`);
    lines.push(`message types: ${types.join(' · ')}`);
    const seconds = elapsedMs / 1000;
    lines.push(
      `sent ${totals.messages} messages in ${totals.requests} requests over ${seconds.toFixed(1)} s: ${(totals.messages / seconds).toFixed(1)} messages/s; ` +
        `largest lag behind the schedule ${Math.round(this.maxLagMs)} ms; ${this.accepted.size} reports accepted`,
    );
    if (this.notSent > 0) {
      lines.push(`${this.notSent} messages due before the end were not sent: intake answered too slowly for this rate with this many requests in flight (--concurrency)`);
    }
    if (this.reasons.size > 0) {
      lines.push('', 'answers other than 2xx:');
      for (const [reason, count] of [...this.reasons].sort(([, a], [, b]) => b - a)) lines.push(`  ${count} × ${reason}`);
    }
    return lines.join('\n');
  }
}

function emptyStats(): ChannelStats {
  return { requests: 0, retries: 0, messages: 0, ok: 0, clientErrors: 0, rateLimited: 0, serverErrors: 0, noAnswer: 0, duplicates: 0, latencies: [] };
}

function counts(stats: Omit<SummaryTotals, never>): string[] {
  return [stats.requests, stats.retries, stats.messages, stats.ok, stats.clientErrors, stats.rateLimited, stats.serverErrors, stats.noAnswer, stats.duplicates].map(String);
}

export function percentile(values: readonly number[], fraction: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function ms(value: number | undefined): string {
  return value === undefined ? '-' : value < 10 ? value.toFixed(1) : String(Math.round(value));
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
