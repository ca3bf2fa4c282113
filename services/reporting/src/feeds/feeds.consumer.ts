import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CaseEvent, type ReportAttributed, Topics } from '@cc/contracts';
import { type ConsumedEvent, EventPublisher } from '@cc/messaging';
import { runWithCorrelationId } from '@cc/observability';
import { FeedRouter, type OutgoingFeedRecord } from './feed-router';

/**
 * Attributed reports and case events in, HQ feed records out, a batch at a time and with no store:
 * every record of the batch is handed to the publisher at once (it shares requests among sends),
 * and the handler returns — so the consumer commits the source offsets — only once the broker has
 * acknowledged every one. A crash before that republishes the batch with the same record ids.
 */
@Controller()
export class FeedsConsumer {
  private readonly logger = new Logger(FeedsConsumer.name);

  constructor(
    private readonly router: FeedRouter,
    private readonly publisher: EventPublisher,
  ) {}

  @EventPattern(Topics.ReportAttributed)
  async reports(@Payload() events: Array<ConsumedEvent<ReportAttributed>>): Promise<void> {
    await this.publish(this.router.reports(events));
  }

  @EventPattern(Topics.CaseEvents)
  async caseEvents(@Payload() events: Array<ConsumedEvent<CaseEvent>>): Promise<void> {
    await this.publish(this.router.caseEvents(events));
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
