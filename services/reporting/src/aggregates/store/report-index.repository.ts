import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportAttributed } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { duplicateIndexes } from '@cc/persistence';
import { indianDay } from '../../activity/unit-day';
import { ReportIndex } from './aggregates.schema';

const sourceRecord = (event: ConsumedEvent): string => `${event.topic}/${event.partition}/${event.offset}`;

export const EXPORT_COLUMNS = ['report_id', 'received_at', 'day', 'channel', 'kind', 'language', 'category', 'state', 'district', 'block', 'panchayat', 'unit_source', 'trust'] as const;

@Injectable()
export class ReportIndexRepository {
  constructor(@InjectModel(ReportIndex.name) private readonly model: Model<ReportIndex>) {}

  /**
   * One unordered insert per batch, by report id. Returns the events to count: the record that
   * first delivered each report (again, after a crash), never a copy published at another offset.
   */
  async record(events: ReadonlyArray<ConsumedEvent<ReportAttributed>>): Promise<Array<ConsumedEvent<ReportAttributed>>> {
    let duplicates = new Set<number>();
    try {
      await this.model.collection.insertMany(
        events.map(({ data, ...event }) => ({
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
          sourceRecord: sourceRecord({ data, ...event }),
        })) as never[],
        { ordered: false },
      );
    } catch (error) {
      duplicates = duplicateIndexes(error);
    }
    if (duplicates.size === 0) return [...events];
    const already = await this.model
      .find({ _id: { $in: events.filter((_, index) => duplicates.has(index)).map((event) => event.data.reportId) } }, { sourceRecord: 1 })
      .lean<Array<{ _id: string; sourceRecord: string }>>()
      .exec();
    const first = new Map(already.map((entry) => [entry._id, entry.sourceRecord]));
    return events.filter((event, index) => !duplicates.has(index) || first.get(event.data.reportId) === sourceRecord(event));
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
