import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Model } from 'mongoose';
import { type EventData, type EventDefinition, eventDefinition } from '@cc/contracts';
import type { OutboxEntry, WithOutbox } from '@cc/persistence';
import { currentCorrelationId } from '@cc/observability';
import type { EventPublisher } from '../event-publisher';

const SWEEP_CONCURRENCY = 8;

/** Builds the outbox entry for an event, validated now so that a bad event fails the state write. */
export function outboxEntry<D extends EventDefinition>(definition: D, data: EventData<D>, id: string = randomUUID()): OutboxEntry {
  const parsed = definition.schema.parse(data);
  return { id, type: definition.type, topic: definition.topic, data: parsed, correlationId: currentCorrelationId(), createdAt: new Date() };
}

/** The fields to write with a new aggregate whose creation emits `entries`. */
export function withPendingOutbox(entries: OutboxEntry[]): { outbox: OutboxEntry[]; outboxRelayed: number; outboxPending: true } {
  return { outbox: entries, outboxRelayed: 0, outboxPending: true };
}

/**
 * Publishes the events an aggregate stored beside its state. The writer asks the relay to publish
 * the document's events right after its write (the fast path); a sweep at start-up and then
 * periodically finds anything a crash or an unreachable broker left behind. An event is published before it is marked, so a crash in
 * between publishes it again with the same `ce_id` — consumers apply effects idempotently, so
 * delivery is at least once and exactly once in effect. Subclasses bind it to one collection.
 */
export abstract class OutboxRelay<T extends WithOutbox> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private sweeping = false;
  private stopped = false;

  /**
   * @param writtenOnce the document's events are all written with it and none is ever appended
   * (a report, an attribution): the mark then needs no guard and filters on `_id` alone, which a
   * store without secondary-index pushdown (FerretDB's SQLite backend) answers without a scan.
   */
  protected constructor(
    private readonly model: Model<T>,
    private readonly publisher: EventPublisher,
    private readonly sweepIntervalMs: number,
    private readonly writtenOnce = false,
  ) {}

  onApplicationBootstrap(): void {
    // At start-up no writer of this process is publishing anything: whatever is pending is relayed, however young.
    this.track(this.sweep(0));
    // A sweep slower than the interval (a backlog, a slow store) is not started again on top of itself.
    this.timer = setInterval(() => {
      if (!this.sweeping) this.track(this.sweep(this.sweepIntervalMs));
    }, this.sweepIntervalMs);
    this.timer.unref();
  }

  /** Drains what is in flight; the producer is still connected at this point of shutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Publish this document's pending events and resolve once the broker has them; rejects when it
   * cannot (the events stay pending for the sweep). For callers that must not answer before then.
   */
  async publishNow(id: unknown): Promise<void> {
    const work = this.relay(id);
    this.track(work);
    await work;
  }

  /**
   * The fast path for a document whose events are written once with it (`writtenOnce`): the writer
   * hands over the entries it has just validated and stored, so nothing is read back and nothing
   * parsed twice; then the mark, by `_id`. Rejects like `publishNow`, the events left to the sweep.
   */
  async publishWritten(id: unknown, entries: readonly OutboxEntry[]): Promise<void> {
    if (!this.writtenOnce) throw new Error(`${this.constructor.name}: publishWritten is for documents whose events are written once`);
    const work = (async () => {
      await Promise.all(entries.map((entry) => this.publish(entry, true)));
      await this.model.updateOne({ _id: id } as never, { $set: { outboxRelayed: entries.length }, $unset: { outboxPending: '' } }).exec();
    })();
    this.track(work);
    await work;
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.logger.warn(`outbox relay failed; the sweep will retry: ${(error as Error).message}`))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async sweep(minAgeMs: number): Promise<void> {
    this.sweeping = true;
    try {
      const pending = await this.model.find({ outboxPending: true }, { _id: 1 }).limit(500).lean<Array<{ _id: unknown }>>().exec();
      // A few documents at a time: a backlog (hundreds of seeded units, an outage's worth of
      // reports) drains several times faster than one by one, without swamping the store's writer.
      for (let start = 0; start < pending.length; start += SWEEP_CONCURRENCY) {
        if (this.stopped) return;
        await Promise.all(pending.slice(start, start + SWEEP_CONCURRENCY).map(({ _id }) => this.relay(_id, minAgeMs)));
      }
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * `minAgeMs` (a periodic sweep's: its interval): events younger than this are left to the writer that is publishing
   * them right now (the fast path, or a batch whose mark is still queued). Publishing them as well
   * would be harmless (same `ce_id`) but doubles the broker's and the consumers' work exactly when
   * the writers are busiest; an event a crash left behind is at most one more interval late.
   */
  private async relay(id: unknown, minAgeMs = 0): Promise<void> {
    const document = await this.model.findById(id, { outbox: 1, outboxRelayed: 1 }).lean<WithOutbox>().exec();
    if (!document) return;
    const relayed = document.outboxRelayed ?? 0;
    const unpublished = document.outbox.slice(relayed);
    if (minAgeMs > 0 && unpublished.length > 0 && Date.now() - new Date(unpublished[0]!.createdAt).getTime() < minAgeMs) return;
    await Promise.all(unpublished.map((entry) => this.publish(entry)));
    const total = relayed + unpublished.length;
    if (this.writtenOnce) {
      await this.model.updateOne({ _id: id } as never, { $set: { outboxRelayed: total }, $unset: { outboxPending: '' } }).exec();
      return;
    }
    // Mark, conditional on what was read: a concurrent relay or a newly appended event is never lost.
    const settled = await this.model
      .updateOne({ _id: id, outboxRelayed: relayed, outbox: { $size: total } } as never, { $set: { outboxRelayed: total }, $unset: { outboxPending: '' } })
      .exec();
    if (settled.matchedCount === 0 && unpublished.length > 0) {
      await this.model.updateOne({ _id: id, outboxRelayed: relayed } as never, { $set: { outboxRelayed: total } }).exec();
    }
  }

  /** `inMemory`: the entry was built by `outboxEntry` in this process (already parsed), not read from the store. */
  private async publish(entry: OutboxEntry, inMemory = false): Promise<void> {
    const definition = eventDefinition(entry.topic, entry.type);
    if (!definition) throw new Error(`outbox entry ${entry.id}: ${entry.type} is not carried on ${entry.topic}`);
    await this.publisher.publish(definition, entry.data as EventData<typeof definition>, { id: entry.id, correlationId: entry.correlationId, prevalidated: inMemory });
  }
}
