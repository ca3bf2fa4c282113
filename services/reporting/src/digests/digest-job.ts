import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { FEED_STATE_CODES, FeedDigestEvent, type FeedDigest, Topics } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { EventPublisher, KAFKA } from '@cc/messaging';
import { runWithCorrelationId } from '@cc/observability';
import { AggregatesStore } from '../aggregates/store/aggregates.store';
import type { ReportingConfig } from '../config/reporting.config';
import { feedDigestRecordId } from '../feeds/feed-pseudonyms';
import { computeDigest } from './digest-computation';
import { dueDays, indianDayBounds, indianDayOf } from './digest-day';
import { DigestMarkRepository, digestMarkId } from './digest-mark.repository';

/** Where the digests read the time: the system clock, or a test's. */
export interface Clock {
  now(): Date;
}
export const DIGEST_CLOCK = Symbol('DIGEST_CLOCK');
export const systemClock: Clock = { now: () => new Date() };

/** The topics the aggregates a digest reads are folded from, consumed in reporting's group. */
const SOURCES = [Topics.ReportAttributed, Topics.CaseEvents] as const;

export type DigestTick =
  | { outcome: 'off' | 'nothing-due' }
  /** The aggregates' consumer has not yet reached what was on its topics when the digests fell due. */
  | { outcome: 'waiting-for-aggregates'; lag: number }
  | { outcome: 'published'; digests: Array<Pick<FeedDigest, 'stateCode' | 'day' | 'recordId'>> };

/**
 * Daily digests per state to the AICC feed. Every `REPORTING_DIGEST_CHECK_MS` (and at once at
 * boot: catch-up) it looks for the last `REPORTING_DIGEST_LOOKBACK_DAYS` Indian days that have
 * ended, are not before the first day it ran (a first deployment publishes no past) and have no
 * published mark, waits until the aggregates' consumer has read everything that
 * was on its topics by then, computes each state's digest from the aggregates, publishes them,
 * and marks them published once the broker has acknowledged them. A crash in between publishes
 * them again with the same record ids; so do two replicas that get there at the same time, which
 * consumers deduplicate as any other redelivery.
 */
@Injectable()
export class DigestJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DigestTick> | undefined;
  private admin: Admin | undefined;
  /** End offsets of the sources when the pending days were first found due: what the aggregates must have read. */
  private target: { days: string; offsets: Map<string, number> } | undefined;
  private stopped = false;
  /** The first day the digests ran: nothing before it is published. */
  private since: string | undefined;

  constructor(
    private readonly store: AggregatesStore,
    private readonly marks: DigestMarkRepository,
    private readonly publisher: EventPublisher,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
    @Inject(DIGEST_CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.REPORTING_FEED_POLICY_FILE.aicc.digests === 'off') return;
    const loop = () => {
      this.tick()
        .catch((error: unknown) => this.logger.warn(`digest run failed, retrying in ${this.config.REPORTING_DIGEST_CHECK_MS} ms: ${(error as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.config.REPORTING_DIGEST_CHECK_MS).unref();
        });
    };
    loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.admin?.disconnect();
  }

  /** One look: publishes what is due and not yet marked. Runs one at a time. */
  tick(): Promise<DigestTick> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<DigestTick> {
    if (this.config.REPORTING_FEED_POLICY_FILE.aicc.digests === 'off') return { outcome: 'off' };
    const now = this.clock.now();
    this.since ??= await this.marks.since(indianDayOf(now));
    const days = dueDays(now, this.config.REPORTING_DIGEST_LOOKBACK_DAYS, this.config.REPORTING_DIGEST_DELAY_MS, this.since);
    const candidates = days.flatMap((day) => FEED_STATE_CODES.map((state) => ({ state, day, id: digestMarkId(state, day) })));
    const published = await this.marks.published(candidates.map(({ id }) => id));
    const pending = candidates.filter(({ id }) => !published.has(id));
    if (pending.length === 0) {
      this.target = undefined;
      return { outcome: 'nothing-due' };
    }
    const lag = await this.aggregatesLag([...new Set(pending.map(({ day }) => day))].join(','));
    if (lag > 0) return { outcome: 'waiting-for-aggregates', lag };
    // What the other replicas' consumers wrote since this one's last refresh.
    await this.store.refresh();

    const computedAt = this.clock.now();
    const digests = pending.map(({ state, day }) =>
      computeDigest(this.store, {
        state,
        day,
        recordId: feedDigestRecordId(state, day),
        computedAt,
        withEndOfDay: computedAt.getTime() - indianDayBounds(day).to.getTime() <= this.config.REPORTING_DIGEST_END_OF_DAY_WITHIN_MS,
        silentDays: this.config.REPORTING_SILENT_DAYS,
      }),
    );
    // Checked before anything is sent: one bad digest publishes none of the run (the publisher would refuse it alone).
    for (const digest of digests) FeedDigestEvent.schema.parse(digest);
    await Promise.all(
      digests.map((digest) =>
        runWithCorrelationId(digest.recordId, () => this.publisher.publish(FeedDigestEvent, digest, { id: digest.recordId, correlationId: digest.recordId })),
      ),
    );
    await this.marks.mark(digests.map((digest) => ({ id: digestMarkId(digest.stateCode, digest.day), recordId: digest.recordId })));
    this.target = undefined;
    this.logger.log(`published ${digests.length} daily digest(s) to the AICC feed`, { days: [...new Set(digests.map((digest) => digest.day))] });
    return { outcome: 'published', digests: digests.map(({ stateCode, day, recordId }) => ({ stateCode, day, recordId })) };
  }

  /**
   * How many records of the sources, among those there when these days were first found due, the
   * aggregates' consumer group has not yet committed (it commits after writing the aggregates).
   */
  private async aggregatesLag(days: string): Promise<number> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    if (this.target?.days !== days) {
      const offsets = new Map<string, number>();
      for (const topic of SOURCES) for (const { partition, high } of await this.admin.fetchTopicOffsets(topic)) offsets.set(`${topic}/${partition}`, Number(high));
      this.target = { days, offsets };
    }
    const committed = new Map<string, number>();
    for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId: this.config.KAFKA_GROUP_ID, topics: [...SOURCES] })) {
      for (const { partition, offset } of partitions) committed.set(`${topic}/${partition}`, Math.max(0, Number(offset)));
    }
    let lag = 0;
    for (const [key, high] of this.target.offsets) lag += Math.max(0, high - (committed.get(key) ?? 0));
    return lag;
  }
}
