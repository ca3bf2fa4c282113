import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type ChannelMessageIngress, Topics } from '@cc/contracts';
import { type ConsumedEvent, UnprocessableEventError } from '@cc/messaging';
import { parseIngressMessage } from '../channels/ingress/ingress-message';
import { ReportsService } from '../reports/reports.service';

/**
 * The Kafka door: integrators' messages become reports exactly as HTTP ones do. The schema was
 * checked on the way in (a record that breaks it is dead-lettered with the reason before reaching
 * here); what the schema cannot say — a phone number that is no number — is dead-lettered here.
 * The offset moves only after each report's event is acknowledged, so nothing is lost, and a
 * redelivered message is the same report.
 */
@Controller()
export class ChannelMessageIngressConsumer {
  constructor(private readonly reports: ReportsService) {}

  @EventPattern(Topics.ChannelMessageIngress)
  async handle(@Payload() events: Array<ConsumedEvent<ChannelMessageIngress>>): Promise<void> {
    // In order: one sender's messages keep their order on the report topic.
    for (const event of events) {
      const parsed = parseIngressMessage(event.data);
      if (!parsed.ok) throw new UnprocessableEventError(`${parsed.code}: ${parsed.reason}`);
      await this.reports.accept(parsed.message, { rateLimited: false });
    }
  }
}
