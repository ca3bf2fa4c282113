import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { ReportReceivedEvent } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { EventPublisher } from '@cc/messaging';
import type { IntakeConfig } from '../config/intake.config';
import { GroupCommit, type Settled } from './group-commit';
import { dedupeKeyOf, IntakeReportRepository, type ReportDraft } from './intake-report.repository';
import type { IntakeReport } from './intake-report.schema';

/** What became of a report handed to {@link ReportWriter.write}. */
export type Written =
  /** Stored now; `acknowledged` settles with Kafka's acknowledgement of its event. */
  | { stored: IntakeReport; duplicate: false; acknowledged: Promise<void> }
  /**
   * Its channel message was accepted before: `stored` is that first report. `acknowledged` is set
   * when this process is publishing the first report's event right now (wait for it, do not
   * publish again); otherwise the stored report says whether its event is still pending.
   */
  | { stored: IntakeReport; duplicate: true; acknowledged?: Promise<void> };

interface FirstCopy {
  stored: IntakeReport;
  acknowledged: Promise<void>;
}

/** Stored, with the write it was stored by: its publication is reported there for the write's one mark. */
type Inserted = { inserted: true; stored: IntakeReport; write: StoredWrite } | { inserted: false };

/**
 * The reports one group-commit write stored. Once every one's publication has settled, the write
 * is marked in one update when all were acknowledged, else the acknowledged ones one by one.
 */
class StoredWrite {
  private readonly acknowledged: string[] = [];
  private failures = 0;
  /** Settles once the mark is done or given up (then the sweep publishes again). */
  readonly marked: Promise<void>;
  markDone!: () => void;

  constructor(
    readonly batch: string,
    private unsettled: number,
    private readonly onSettled: (write: StoredWrite, acknowledged: readonly string[], whole: boolean) => void,
  ) {
    this.marked = new Promise<void>((resolve) => (this.markDone = resolve));
  }

  settle(id: string, acknowledged: boolean): void {
    if (acknowledged) this.acknowledged.push(id);
    else this.failures++;
    if (--this.unsettled === 0) this.onSettled(this, this.acknowledged, this.failures === 0);
  }

  get size(): number {
    return this.acknowledged.length + this.failures + this.unsettled;
  }
}

interface Mark {
  write: StoredWrite;
  acknowledged: readonly string[];
  whole: boolean;
}

/**
 * Writes reports by group commit. The reports of concurrent requests go to the store together, in
 * one unordered `insertMany` per batch (see {@link GroupCommit}: a lone report is written at once,
 * alone); once a batch is stored, each caller publishes its own event from memory in its own
 * request context (trace and correlation ids), and the publisher's micro-batching puts the
 * batch's events into one producer send, acks=all. Each write is then marked as one update on
 * its `outboxBatch` tag, two marks at a time, after the answers: until its mark a report stays
 * pending, and a crash in between only means the sweep publishes the event again under the same
 * id. Marks cost the local store more than inserts, so new writes wait while too many stored
 * reports are unmarked rather than let the backlog (and the sweep's share of it) grow.
 *
 * Provider retries racing each other within this process never reach the store twice: while a
 * channel message's first copy is being stored or published, another copy waits for it and is
 * answered as its duplicate once the first copy's event is acknowledged — one report, one
 * publication. If the first copy was not stored (refused, an outage), the waiting one is written
 * on its own.
 */
@Injectable()
export class ReportWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportWriter.name);
  private readonly inserts: GroupCommit<ReportDraft, Inserted>;
  private readonly marks: GroupCommit<Mark, void>;
  /** By dedupe key: the copy of a channel message being stored or published by this process. */
  private readonly firstCopies = new Map<string, Promise<FirstCopy | undefined>>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Reports stored and not yet marked; beyond `maxUnmarked` new writes wait (marks cost the store more than inserts). */
  private unmarked = 0;
  private readonly maxUnmarked: number;
  private readonly waitingForMarks: Array<() => void> = [];

  constructor(
    private readonly reports: IntakeReportRepository,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) config: IntakeConfig,
  ) {
    this.inserts = new GroupCommit((drafts) => this.insert(drafts), {
      maxBatch: config.INTAKE_WRITE_BATCH_MAX,
      maxConcurrent: config.INTAKE_WRITE_BATCHES_IN_FLIGHT,
    });
    // Marks are off the answer's path; two at a time keep up with the inserts (see INTAKE_MARKS_IN_FLIGHT).
    this.marks = new GroupCommit(async ([mark]) => [await this.mark(mark!)], { maxBatch: 1, maxConcurrent: 2 });
    this.maxUnmarked = 2 * config.INTAKE_WRITE_BATCH_MAX * config.INTAKE_WRITE_BATCHES_IN_FLIGHT;
  }

  async write(draft: ReportDraft): Promise<Written> {
    const dedupeKey = dedupeKeyOf(draft.report);
    for (let earlier = this.firstCopies.get(dedupeKey); earlier; earlier = this.firstCopies.get(dedupeKey)) {
      const first = await earlier;
      if (first) return { stored: first.stored, duplicate: true, acknowledged: first.acknowledged };
    }
    let settleFirst!: (first: FirstCopy | undefined) => void;
    const thisCopy = new Promise<FirstCopy | undefined>((resolve) => (settleFirst = resolve));
    this.firstCopies.set(dedupeKey, thisCopy);
    const release = () => {
      if (this.firstCopies.get(dedupeKey) === thisCopy) this.firstCopies.delete(dedupeKey);
    };

    let outcome: Inserted;
    try {
      while (this.unmarked >= this.maxUnmarked) await new Promise<void>((resolve) => this.waitingForMarks.push(resolve));
      outcome = await this.inserts.submit(draft);
    } catch (error) {
      release();
      settleFirst(undefined);
      throw error;
    }
    if (!outcome.inserted) {
      release();
      settleFirst(undefined);
      const existing = await this.reports.findByDedupeKey(dedupeKey);
      if (!existing) throw new Error(`report ${draft.report.reportId}: a duplicate key, yet nothing stored under ${draft.report.channel}'s message id`);
      return { stored: existing, duplicate: true };
    }

    // Published here, in the caller's own async context: its trace and correlation ids go with it.
    const { event } = draft;
    const { stored, write } = outcome;
    const acknowledged = this.publisher
      .publish(ReportReceivedEvent, event.data as typeof draft.report, { id: event.id, correlationId: event.correlationId, prevalidated: true })
      .then(() => undefined);
    settleFirst({ stored, acknowledged });
    this.track(
      acknowledged.then(
        () => write.settle(stored._id, true),
        (error: unknown) => {
          this.logger.warn(`report ${stored._id} left pending for the outbox sweep: ${(error as Error).message}`);
          write.settle(stored._id, false);
        },
      ),
    );
    // Until the mark, a retry of this message waits on this publication instead of publishing again;
    // after a failed one, a retry publishes it itself.
    void acknowledged.then(() => write.marked).then(release, release);
    return { stored, duplicate: false, acknowledged };
  }

  /** The first copy of this channel message being written or published by this process now, if any. */
  async inFlightCopy(dedupeKey: string): Promise<Written | undefined> {
    const first = await this.firstCopies.get(dedupeKey);
    return first && { stored: first.stored, duplicate: true, acknowledged: first.acknowledged };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.inserts.drained();
    await Promise.allSettled([...this.inFlight]);
    await this.marks.drained();
  }

  private async insert(drafts: readonly ReportDraft[]): Promise<Array<Settled<Inserted>>> {
    const batch = randomUUID();
    const outcomes = await this.reports.insertManyWithEvents(drafts, batch);
    const inserted = outcomes.filter((outcome) => outcome.ok && outcome.value.inserted).length;
    this.unmarked += inserted;
    const write = new StoredWrite(batch, inserted, (settled, acknowledged, whole) => void this.marks.submit({ write: settled, acknowledged, whole }));
    return outcomes.map((outcome) => (outcome.ok && outcome.value.inserted ? { ok: true, value: { ...outcome.value, write } } : (outcome as Settled<Inserted>)));
  }

  private async mark({ write, acknowledged, whole }: Mark): Promise<Settled<void>> {
    try {
      if (whole) await this.reports.markBatchRelayed(write.batch);
      else if (acknowledged.length > 0) {
        const failed = (await this.reports.markRelayed(acknowledged)).filter((result) => !result.ok).length;
        if (failed > 0) this.logger.warn(`${failed} published reports left pending for the outbox sweep: their mark failed`);
      }
    } catch (error) {
      this.logger.warn(`${write.size} published reports left pending for the outbox sweep: ${(error as Error).message}`);
    } finally {
      this.unmarked -= write.size;
      write.markDone();
      this.waitingForMarks.splice(0).forEach((wake) => wake());
    }
    return { ok: true, value: undefined };
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
