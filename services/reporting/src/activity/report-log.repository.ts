import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportReceived } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { duplicateIndexes } from '@cc/persistence';
import { ReportLog } from './report-log.schema';
import { indianDay, unitOf } from './unit-day';

function sourceRecord(event: ConsumedEvent): string {
  return `${event.topic}/${event.partition}/${event.offset}`;
}

@Injectable()
export class ReportLogRepository {
  constructor(@InjectModel(ReportLog.name) private readonly model: Model<ReportLog>) {}

  /**
   * One bulk insert per batch, unordered. A report already in the log collides with its own `_id`
   * (E11000), which means "already recorded". Insert rather than upsert: on the local FerretDB an
   * upsert scans the collection, an insert does not.
   *
   * Returns the events whose record is the one that first delivered the report (`sourceRecord`):
   * the first delivery, or a redelivery of that same record after a crash, but not a copy of the
   * report published again at another offset. Counters count those, once each.
   */
  async recordReceived(events: ReadonlyArray<ConsumedEvent<ReportReceived>>): Promise<Array<ConsumedEvent<ReportReceived>>> {
    let duplicates = new Set<number>();
    try {
      await this.model.insertMany(
        events.map((event) => ({
          _id: event.data.reportId,
          channel: event.data.channel,
          senderKey: event.data.senderKey,
          receivedAt: new Date(event.data.receivedAt),
          declaredUnitCode: event.data.declaredUnitCode,
          unitCode: unitOf(event.data),
          day: indianDay(event.data.receivedAt),
          eventId: event.id,
          sourceRecord: sourceRecord(event),
        })),
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
    const firstDelivery = new Map(already.map((entry) => [entry._id, entry.sourceRecord]));
    return events.filter((event, index) => !duplicates.has(index) || firstDelivery.get(event.data.reportId) === sourceRecord(event));
  }
}
