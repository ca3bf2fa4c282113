import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type ReportReceived, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { ReportLogRepository } from './report-log.repository';
import { UnitActivityRepository } from './unit-activity.repository';

@Controller()
export class ReportReceivedConsumer {
  constructor(
    private readonly reportLog: ReportLogRepository,
    private readonly unitActivity: UnitActivityRepository,
  ) {}

  /**
   * A batch at a time: one bulk write into the report log, then the unit counters. Both are
   * idempotent — the log by report id, the counters by source offset — so a replayed batch, a crash
   * between the two, or the same report published twice neither loses nor double-counts.
   */
  @EventPattern(Topics.ReportReceived)
  async handle(@Payload() events: Array<ConsumedEvent<ReportReceived>>): Promise<void> {
    const firstDeliveries = await this.reportLog.recordReceived(events);
    await this.unitActivity.countReports(firstDeliveries);
  }
}
