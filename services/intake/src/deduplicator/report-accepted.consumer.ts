import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type ReportReceived, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { runWithCorrelationId } from '@cc/observability';
import { ReportsService } from '../reports/reports.service';

/**
 * The deduplicator behind the webhooks (docs/intake-log-first.md): reads back what the webhooks
 * logged to report-accepted and records each message once — stored under its dedupe key, its
 * report-received event published — so that a provider's retries, wherever and whenever they
 * arrived, make one report. The offset moves only once every report of the batch is stored and
 * its event acknowledged; while the store or Kafka is out the batch is retried (the webhooks keep
 * answering), and a report the store refuses for good is dead-lettered with the reason.
 */
@Controller()
export class ReportAcceptedConsumer {
  constructor(private readonly reports: ReportsService) {}

  @EventPattern(Topics.ReportAccepted)
  async handle(@Payload() events: Array<ConsumedEvent<ReportReceived>>): Promise<void> {
    // One sender's reports in the order they were logged; different senders' at once, so that
    // their writes share the report writer's group commit.
    const bySender = new Map<string, Array<ConsumedEvent<ReportReceived>>>();
    for (const event of events) {
      const own = bySender.get(event.data.senderKey);
      if (own) own.push(event);
      else bySender.set(event.data.senderKey, [event]);
    }
    const outcomes = await Promise.allSettled(
      [...bySender.values()].map(async (own) => {
        for (const event of own) {
          // The report-received event carries the webhook request's correlation id and trace.
          await runWithCorrelationId(event.correlationId, () => this.reports.record(event.data), event.traceparent);
        }
      }),
    );
    // Every write settled first: the retry of the batch must not race a write still in flight.
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
