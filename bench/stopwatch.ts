import { performance } from 'node:perf_hooks';

export interface Measurement {
  /** Events of the backlog applied (written to the report log and counted). */
  readonly applied: number;
  /** From starting the consumer to its first event: group join, partition assignment, first fetch. */
  readonly startupMs: number;
  /** From the first event to the last one applied: what the throughput is computed over. */
  readonly elapsedMs: number;
  /** Events per write to report_log, on average (1 for the one-at-a-time consumer). */
  readonly eventsPerWrite: number;
}

/** Times one contender: the consumer starts, the first event arrives, the last expected one is applied. */
export class Stopwatch {
  private readonly startedAt = performance.now();
  private firstEventAt: number | undefined;
  private doneAt: number | undefined;
  private applied = 0;
  private writes = 0;
  private written = 0;
  private finish: () => void = () => undefined;
  private readonly done = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(private readonly expected: number) {}

  /** A write of `events` events to report_log begins. */
  received(events: number): void {
    this.firstEventAt ??= performance.now();
    this.writes += 1;
    this.written += events;
  }

  appliedEvents(count: number): void {
    this.applied += count;
    if (this.doneAt === undefined && this.applied >= this.expected) {
      this.doneAt = performance.now();
      this.finish();
    }
  }

  async waitUntilDone(timeoutMs: number): Promise<Measurement> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs / 1000} s with ${this.applied} of ${this.expected} events applied`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const firstEventAt = this.firstEventAt ?? this.startedAt;
    return {
      applied: this.applied,
      startupMs: firstEventAt - this.startedAt,
      elapsedMs: this.doneAt! - firstEventAt,
      eventsPerWrite: this.written / Math.max(this.writes, 1),
    };
  }
}
