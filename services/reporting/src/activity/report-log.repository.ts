import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportReceived } from '@cc/contracts';
import { ReportLog } from './report-log.schema';

@Injectable()
export class ReportLogRepository {
  constructor(@InjectModel(ReportLog.name) private readonly model: Model<ReportLog>) {}

  /** Idempotent: the first delivery inserts, a redelivery matches the same id and changes nothing. */
  async recordReceived(report: ReportReceived, eventId: string): Promise<void> {
    await this.model.updateOne(
      { _id: report.reportId },
      {
        $setOnInsert: {
          channel: report.channel,
          senderKey: report.senderKey,
          receivedAt: new Date(report.receivedAt),
          declaredUnitCode: report.declaredUnitCode,
          eventId,
        },
      },
      { upsert: true },
    );
  }

  findByReportId(reportId: string): Promise<ReportLog | null> {
    return this.model.findById(reportId).lean<ReportLog>().exec();
  }
}
