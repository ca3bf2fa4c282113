import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportReceived } from '@cc/contracts';
import { isDuplicateKeyError, type OutboxEntry } from '@cc/persistence';
import { withPendingOutbox } from '@cc/messaging';
import { IntakeReport } from './intake-report.schema';

@Injectable()
export class IntakeReportRepository {
  constructor(@InjectModel(IntakeReport.name) private readonly model: Model<IntakeReport>) {}

  /**
   * Stores the report and its event in one document write. Resolves to the report already stored
   * under the same channel message when this one is a provider's retry.
   */
  async insertWithEvent(
    report: ReportReceived,
    event: OutboxEntry,
    fingerprint?: string,
  ): Promise<{ stored: IntakeReport; duplicate: boolean }> {
    const dedupeKey = dedupeKeyOf(report);
    try {
      const stored = await this.model.create({
        _id: report.reportId,
        dedupeKey,
        channel: report.channel,
        senderKey: report.senderKey,
        receivedAt: new Date(report.receivedAt),
        report,
        ...(fingerprint ? { fingerprint } : {}),
        ...withPendingOutbox([event]),
      });
      return { stored: stored.toObject(), duplicate: false };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.findByDedupeKey(dedupeKey);
      if (!existing) throw error;
      return { stored: existing, duplicate: true };
    }
  }

  findByDedupeKey(dedupeKey: string): Promise<IntakeReport | null> {
    return this.model.findOne({ dedupeKey }).lean<IntakeReport>().exec();
  }
}

/** `<channel>:<providerMessageId>`: one report per provider message. */
export function dedupeKeyOf(report: Pick<ReportReceived, 'channel' | 'providerMessageId'>): string {
  return `${report.channel}:${report.providerMessageId}`;
}
