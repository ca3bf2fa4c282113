import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ReportReceivedEvent, Topics } from '@cc/contracts';
import { EventConsumer } from '@cc/messaging';
import { ReportLogRepository } from './report-log.repository';

@Controller()
export class ReportReceivedConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly reportLog: ReportLogRepository,
  ) {}

  @EventPattern(Topics.ReportReceived)
  handle(@Payload() payload: unknown, @Ctx() context: unknown): Promise<void> {
    return this.consumer.consume(ReportReceivedEvent, payload, context, (report, meta) =>
      this.reportLog.recordReceived(report, meta.id),
    );
  }
}
