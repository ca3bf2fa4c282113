import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'node:http';
import { Pacer } from '../../tools/simulator/src/pacer';
import type { PlannedRequest, TrafficGenerator } from '../../tools/simulator/src/traffic';
import type { PipelineProbe } from './probe';
import type { Trace } from './traces';

/** A send this much later than its time counts as missed: intake (or this machine) could not take the rate. */
const LATE_MS = 1000;
const REQUEST_TIMEOUT_MS = 15_000;

export interface StepLoad {
  step: number;
  rate: number;
  durationMs: number;
}

export interface LoadOutcome {
  /** Messages sent (a WhatsApp POST with three messages is three), provider retries included. */
  sent: number;
  /** Of those, answered 2xx. */
  accepted: number;
  missed: number;
  /** Answers that were not 2xx, by status (or network error). */
  refused: Record<string, number>;
  traces: Trace[];
}

/**
 * Open-loop traffic through intake's real entry points at a fixed rate: each request's time is set
 * by the rate alone (a slow intake does not slow the arrivals); a request's latency is measured
 * from its due time, so a late send cannot hide a slow answer. Every new provider message is
 * traced through the pipeline by the probe; a provider retry is sent and answered but traced once.
 */
export class LoadDriver {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly intakeUrl: string,
    private readonly traffic: TrafficGenerator,
    private readonly probe: PipelineProbe,
  ) {}

  async run({ step, rate, durationMs }: StepLoad): Promise<LoadOutcome> {
    const outcome: LoadOutcome = { sent: 0, accepted: 0, missed: 0, refused: {}, traces: [] };
    const pacer = new Pacer(rate);
    const inFlight = new Set<Promise<void>>();
    const start = Date.now();
    for (let due = pacer.nextDueMs(); due < durationMs; due = pacer.nextDueMs()) {
      const wait = start + due - Date.now();
      if (wait > 1) await sleep(wait);
      const dueAt = start + due;
      if (Date.now() - dueAt > LATE_MS) outcome.missed += 1;
      const planned = this.traffic.next(due);
      pacer.advance(planned.weight);
      const traces = planned.retry ? [] : planned.reportIds.map((): Trace => ({ step, sentAt: dueAt }));
      planned.reportIds.forEach((providerMessageId, index) => traces[index] && this.probe.follow(providerMessageId, traces[index]));
      outcome.traces.push(...traces);
      outcome.sent += planned.weight;
      const sending = this.send(planned).then((status) => {
        if (status >= 200 && status < 300) {
          outcome.accepted += planned.weight;
          const at = Date.now();
          for (const trace of traces) trace.acceptedAt ??= at;
        } else {
          const key = status === 0 ? 'no answer' : String(status);
          outcome.refused[key] = (outcome.refused[key] ?? 0) + planned.weight;
        }
      });
      const tracked = sending.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    await Promise.all(inFlight);
    return outcome;
  }

  close(): void {
    this.agent.destroy();
  }

  /** The answer's status once its body is read, 0 when there was none. */
  private send(planned: PlannedRequest): Promise<number> {
    return new Promise((resolve) => {
      const outgoing = request(`${this.intakeUrl}${planned.path}`, { method: planned.method, headers: planned.headers, agent: this.agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', () => resolve(0));
      });
      outgoing.once('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.once('error', () => resolve(0));
      outgoing.end(planned.body);
    });
  }
}
