import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { type EventData, eventDefinition } from '@cc/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { EventPublisher } from '@cc/messaging';
import { findByIds, type OutboxEntry } from '@cc/persistence';
import { AttributionBatchDocument } from './attribution-batch.schema';
import { AttributionDocument } from './attribution.schema';

const SWEEP_LIMIT = 100;

/**
 * The outbox of attributions, kept per consumer batch: a batch is opened before its attributions
 * (each with its event) are written and closed once their events are out, so a batch of 500
 * reports costs two small writes instead of a mark on each attribution. An open batch is what a
 * crash or a broker outage left unpublished: a redelivered report whose batch is still open, or
 * the sweep (every OUTBOX_SWEEP_INTERVAL_MS, never on top of itself, batches older than that),
 * publishes every event of the batch again — the same ids, so consumers apply each once — and
 * closes it. Closing deletes it; a redelivered report whose batch is gone publishes nothing.
 */
@Injectable()
export class AttributionBatches implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AttributionBatches.name);
  private readonly inFastPath = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @InjectModel(AttributionBatchDocument.name) private readonly batches: Model<AttributionBatchDocument>,
    @InjectModel(AttributionDocument.name) private readonly attributions: Model<AttributionDocument>,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Versions before 2026-11-27 kept closed batches (marked, not deleted): cleared once, off the boot path.
    this.batches
      .deleteMany({ pending: { $ne: true } })
      .exec()
      .catch((error: unknown) => this.logger.warn(`closed attribution batches of an earlier version not cleared: ${(error as Error).message}`));
    this.timer = setInterval(() => {
      if (!this.sweeping && !this.stopped) this.sweeping = this.sweep().finally(() => (this.sweeping = undefined));
    }, this.config.OUTBOX_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Before the batch's attributions are written; the sweep leaves it to this process until `release`. */
  async open(batch: string): Promise<void> {
    this.inFastPath.add(batch);
    await this.batches.create({ _id: batch, openedAt: new Date(), pending: true });
  }

  /** The handler is done with the batch, closed or not: an open one is the sweep's from now on. */
  release(batch: string): void {
    this.inFastPath.delete(batch);
  }

  /**
   * The events of the attributions this batch wrote, published from memory (validated when built,
   * nothing read back), then the batch closed. Rejects, leaving it open, when the broker refuses.
   */
  async publishAndClose(batch: string, entries: readonly OutboxEntry[]): Promise<void> {
    await Promise.all(entries.map((entry) => this.publish(entry, true)));
    await this.close(batch);
  }

  /**
   * Reports delivered again: the batches that wrote them, if still open, are published and closed.
   * Resolves to the attributions written before batches existed (no `batch`), for the per-document relay.
   */
  async publishRedelivered(reportIds: readonly string[]): Promise<string[]> {
    if (reportIds.length === 0) return [];
    const stored = await findByIds(this.attributions, reportIds, { batch: 1 });
    const batchIds = [...new Set(stored.flatMap((attribution) => (attribution.batch ? [attribution.batch] : [])))];
    const open = await findByIds(this.batches, batchIds);
    for (const { _id, pending } of open) if (pending) await this.relay(_id);
    return stored.filter((attribution) => !attribution.batch).map((attribution) => attribution._id);
  }

  private async sweep(): Promise<void> {
    try {
      const cutoff = Date.now() - this.config.OUTBOX_SWEEP_INTERVAL_MS;
      const open = await this.batches.find({ pending: true }).limit(SWEEP_LIMIT).lean<AttributionBatchDocument[]>().exec();
      for (const batch of open) {
        if (this.stopped) return;
        // A batch this process is publishing, or one another replica may still be on.
        if (this.inFastPath.has(batch._id) || new Date(batch.openedAt).getTime() > cutoff) continue;
        // One batch that cannot go out (the broker refuses it) does not hold back the others.
        await this.relay(batch._id).catch((error: unknown) => this.logger.warn(`attribution batch ${batch._id} not published; the next sweep retries: ${(error as Error).message}`));
      }
    } catch (error) {
      this.logger.warn(`attribution batch sweep failed; the next one retries: ${(error as Error).message}`);
    }
  }

  private async relay(batch: string): Promise<void> {
    const written = await this.attributions.find({ batch }, { outbox: 1 }).lean<Array<Pick<AttributionDocument, '_id' | 'outbox'>>>().exec();
    await Promise.all(written.flatMap(({ outbox }) => outbox.map((entry) => this.publish(entry, false))));
    await this.close(batch);
  }

  /** A closed batch is a deleted one: nothing reads it again, and the collection holds only open batches. */
  private async close(batch: string): Promise<void> {
    await this.batches.deleteOne({ _id: batch }).exec();
  }

  private async publish(entry: OutboxEntry, inMemory: boolean): Promise<void> {
    const definition = eventDefinition(entry.topic, entry.type);
    if (!definition) throw new Error(`attribution event ${entry.id}: ${entry.type} is not carried on ${entry.topic}`);
    await this.publisher.publish(definition, entry.data as EventData<typeof definition>, { id: entry.id, correlationId: entry.correlationId, prevalidated: inMemory });
  }
}
