import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportReceived } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { UnitActivity } from './unit-activity.schema';
import { indianDay, unitOf } from './unit-day';

@Injectable()
export class UnitActivityRepository {
  constructor(@InjectModel(UnitActivity.name) private readonly model: Model<UnitActivity>) {}

  /**
   * Counts each report once however often it is delivered: only reports above the document's
   * applied offset count, and the increment and the new mark are one single-document write,
   * conditional on the mark that was read. All by `_id`.
   */
  async countReports(events: ReadonlyArray<ConsumedEvent<ReportReceived>>): Promise<void> {
    const groups = new Map<string, ConsumedEvent<ReportReceived>[]>();
    for (const event of events) {
      const _id = `${unitOf(event.data)}|${indianDay(event.data.receivedAt)}|p${event.partition}`;
      groups.set(_id, [...(groups.get(_id) ?? []), event]);
    }
    for (const [_id, group] of groups) await this.countGroup(_id, group);
  }

  private async countGroup(_id: string, events: ConsumedEvent<ReportReceived>[]): Promise<void> {
    const current = await this.model.findById(_id, { appliedOffset: 1 }).lean<Pick<UnitActivity, 'appliedOffset'>>().exec();
    const fresh = events.filter((event) => current === null || Number(event.offset) > current.appliedOffset);
    if (fresh.length === 0) return;
    const byChannel = new Map<string, number>();
    for (const { data } of fresh) byChannel.set(data.channel, (byChannel.get(data.channel) ?? 0) + 1);
    const [{ data: first, partition }] = fresh as [ConsumedEvent<ReportReceived>];
    await this.model.updateOne(
      current === null ? { _id } : { _id, appliedOffset: current.appliedOffset },
      {
        $setOnInsert: { unitCode: unitOf(first), day: indianDay(first.receivedAt), partition },
        $inc: { reports: fresh.length, ...Object.fromEntries([...byChannel].map(([channel, n]) => [`byChannel.${channel}`, n])) },
        $set: { appliedOffset: Math.max(...fresh.map((event) => Number(event.offset))) },
      },
      // Only this partition's consumer writes here; a lost race (a consumer the group already
      // replaced) fails the write, and the batch is redelivered to the new owner.
      { upsert: current === null },
    ).then((result) => {
      if (result.matchedCount + result.upsertedCount !== 1) throw new Error(`unit activity ${_id} changed under its consumer`);
    });
  }
}
