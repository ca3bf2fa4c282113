import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportAttributed } from '@cc/contracts';
import { type ConsumedEvent, recordFirstDeliveries } from '@cc/messaging';
import { indianDay } from '../../activity/unit-day';
import { ReportIndex } from './aggregates.schema';

export const EXPORT_COLUMNS = ['report_id', 'received_at', 'day', 'channel', 'kind', 'language', 'category', 'state', 'district', 'block', 'panchayat', 'unit_source', 'trust'] as const;

@Injectable()
export class ReportIndexRepository {
  constructor(@InjectModel(ReportIndex.name) private readonly model: Model<ReportIndex>) {}

  /**
   * One unordered insert per batch, by report id. Returns the events to count: the record that
   * first delivered each report (again, after a crash), never a copy published at another offset.
   */
  async record(events: ReadonlyArray<ConsumedEvent<ReportAttributed>>): Promise<Array<ConsumedEvent<ReportAttributed>>> {
    return recordFirstDeliveries(this.model, events, ({ data }, sourceRecord) => ({
      _id: data.reportId,
      receivedAt: new Date(data.receivedAt),
      day: indianDay(data.receivedAt),
      channel: data.channel,
      kind: data.kind,
      language: data.language,
      category: data.declaredComplaint?.category ?? 'none',
      unitPath: data.attribution.unitPath,
      unitSource: data.attribution.unitSource,
      trust: data.attribution.trust,
      sourceRecord,
    }));
  }

  /** A subtree's reports over days, oldest day first, as a cursor: the export streams it. */
  cursor(unitCode: string, from: string, to: string) {
    return this.model
      .find({ unitPath: unitCode, day: { $gte: from, $lte: to } }, { sourceRecord: 0 })
      .sort({ day: 1 })
      .lean()
      .batchSize(1000)
      .cursor();
  }
}
