import type { Model } from 'mongoose';
import { duplicateIndexes } from '@cc/persistence';

export interface Versioned {
  readonly _id: string;
  readonly updatedAt: Date;
}

/**
 * Stores the latest state of each entity of a compacted topic: a record as old as the stored one,
 * or older, changes nothing, so redeliveries and replays are harmless. One read of the stored
 * versions, one unordered insert of the new ids, then updates by `_id` (FerretDB scans on any other
 * filter). The same approach as grievance's read models; services share no code but libs.
 */
export async function storeLatest<T extends Versioned>(model: Model<T>, records: readonly T[]): Promise<number> {
  const latest = new Map<string, T>();
  for (const record of records) {
    const seen = latest.get(record._id);
    if (!seen || seen.updatedAt.getTime() <= record.updatedAt.getTime()) latest.set(record._id, record);
  }
  if (latest.size === 0) return 0;
  const stored = await model.find({ _id: { $in: [...latest.keys()] } } as never, { updatedAt: 1 }).lean<Versioned[]>().exec();
  const storedAt = new Map(stored.map((each) => [each._id, new Date(each.updatedAt).getTime()]));
  const fresh = [...latest.values()].filter((record) => !storedAt.has(record._id));
  const newer = [...latest.values()].filter((record) => (storedAt.get(record._id) ?? Infinity) < record.updatedAt.getTime());
  if (fresh.length > 0) {
    try {
      await model.collection.insertMany(fresh as never[], { ordered: false });
    } catch (error) {
      duplicateIndexes(error);
    }
  }
  for (const record of newer) {
    const { _id, ...rest } = record;
    await model.collection.updateOne({ _id, updatedAt: { $lt: record.updatedAt } } as never, { $set: rest });
  }
  return fresh.length + newer.length;
}
