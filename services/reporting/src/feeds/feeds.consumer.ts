import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { type CaseEvent, type ReportAttributed, Topics } from '@cc/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { type ConsumedEvent, EventPublisher, KAFKA, KafkaEventServer } from '@cc/messaging';
import { MetricsService, runWithCorrelationId } from '@cc/observability';
import { FEED_SOURCE_TOPICS, FeedRouter, type OutgoingFeedRecord } from './feed-router';

/** The feeds' consumer group: reporting's own (`KAFKA_GROUP_ID`, the aggregates') and `-feeds`. */
export const feedsGroupId = (groupId: string): string => `${groupId}-feeds`;

/**
 * Attributed reports and case events in, HQ feed records out, a batch at a time and with no store:
 * every record of the batch is handed to the publisher at once (it shares requests among sends),
 * and the handler returns — so the consumer commits the source offsets — only once the broker has
 * acknowledged every one. A crash before that republishes the batch with the same record ids.
 *
 * It consumes in a consumer group of its own, with a transport of its own (the services' Kafka
 * transport, started here rather than by main.ts), so that the aggregates' store writes, which
 * consume the same topics in reporting's group, never hold the feeds back, nor the reverse.
 */
@Injectable()
export class FeedsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FeedsConsumer.name);
  private server: KafkaEventServer | undefined;

  constructor(
    private readonly router: FeedRouter,
    private readonly publisher: EventPublisher,
    private readonly metrics: MetricsService,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const groupId = feedsGroupId(this.config.KAFKA_GROUP_ID);
    await this.startWhereReportingWas(groupId);
    const server = new KafkaEventServer({ ...this.config, KAFKA_GROUP_ID: groupId, KAFKA_CLIENT_ID: `${this.config.KAFKA_CLIENT_ID}-feeds` }, this.metrics);
    server.addHandler(Topics.ReportAttributed, (events: Array<ConsumedEvent<ReportAttributed>>) => this.reports(events), true);
    server.addHandler(Topics.CaseEvents, (events: Array<ConsumedEvent<CaseEvent>>) => this.caseEvents(events), true);
    this.server = server;
    await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error as Error) : resolve())));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }

  async reports(events: Array<ConsumedEvent<ReportAttributed>>): Promise<void> {
    await this.publish(this.router.reports(events));
  }

  async caseEvents(events: Array<ConsumedEvent<CaseEvent>>): Promise<void> {
    await this.publish(this.router.caseEvents(events));
  }

  /**
   * A feeds group that has never committed (the first deployment with a group of its own) starts
   * where reporting's group is, instead of at the beginning: the feeds were consumed in that group
   * until then, and starting over would republish every retained event. Two replicas doing it at
   * once write the same offsets; once a member has joined, the broker refuses it, which is fine.
   */
  private async startWhereReportingWas(groupId: string): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = [...FEED_SOURCE_TOPICS];
      const own = await admin.fetchOffsets({ groupId, topics });
      if (own.some(({ partitions }) => partitions.some(({ offset }) => Number(offset) >= 0))) return;
      const shared = await admin.fetchOffsets({ groupId: this.config.KAFKA_GROUP_ID, topics });
      for (const { topic, partitions } of shared) {
        const committed = partitions.filter(({ offset }) => Number(offset) >= 0).map(({ partition, offset }) => ({ partition, offset }));
        if (committed.length > 0) await admin.setOffsets({ groupId, topic, partitions: committed });
      }
      this.logger.log(`consumer group ${groupId} starts where ${this.config.KAFKA_GROUP_ID} was`);
    } catch (error) {
      this.logger.warn(`could not start ${groupId} where ${this.config.KAFKA_GROUP_ID} was: ${(error as Error).message}`);
    } finally {
      await admin.disconnect();
    }
  }

  private async publish(records: OutgoingFeedRecord[]): Promise<void> {
    await Promise.all(
      records.map((record) =>
        runWithCorrelationId(
          record.correlationId,
          () => this.publisher.publish(record.definition, record.data, { id: record.data.recordId, correlationId: record.correlationId }),
          record.traceparent,
        ),
      ),
    );
    if (records.length > 0) this.logger.debug(`published ${records.length} feed record(s)`);
  }
}
