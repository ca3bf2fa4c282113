import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportReceived } from '@cc/contracts';
import { type ConsumedEvent, recordFirstDeliveries } from '@cc/messaging';
import { ReportLog } from './report-log.schema';
import { indianDay, unitOf } from './unit-day';

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
    return recordFirstDeliveries(this.model, events, (event, sourceRecord) => ({
      _id: event.data.reportId,
      channel: event.data.channel,
      senderKey: event.data.senderKey,
      receivedAt: new Date(event.data.receivedAt),
      declaredUnitCode: event.data.declaredUnitCode,
      unitCode: unitOf(event.data),
      day: indianDay(event.data.receivedAt),
      eventId: event.id,
      sourceRecord,
    }));
  }
}
