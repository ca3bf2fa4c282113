import type { Model } from 'mongoose';
import { duplicateIndexes } from './duplicate-key';
import { findByIds } from './point-reads';

export interface Versioned {
  readonly _id: string;
  readonly updatedAt: Date;
}

/**
 * Stores the latest state of each entity of a compacted topic (read models of units and members):
 * a record older than (or as old as) the stored one changes nothing, so redeliveries and replays
 * are harmless. One key lives on one
 * partition, so one consumer writes it at a time; the conditional update still refuses to go back
 * in time. Reads the stored versions in one query, inserts the new ids in one unordered write,
 * and updates the others one by one by `_id` (FerretDB scans on any other filter). Returns the
 * records written.
 */
export async function storeLatest<T extends Versioned>(model: Model<T>, records: readonly T[]): Promise<T[]> {
  const latest = new Map<string, T>();
  for (const record of records) {
    const seen = latest.get(record._id);
    if (!seen || seen.updatedAt.getTime() <= record.updatedAt.getTime()) latest.set(record._id, record);
  }
  if (latest.size === 0) return [];
  const stored = (await findByIds(model, [...latest.keys()], { updatedAt: 1 })) as unknown as Versioned[];
  const storedAt = new Map(stored.map((each) => [each._id, new Date(each.updatedAt)]));
  const fresh = [...latest.values()].filter((record) => !storedAt.has(record._id));
  const newer = [...latest.values()].filter((record) => {
    const known = storedAt.get(record._id);
    return known !== undefined && known.getTime() < record.updatedAt.getTime();
  });
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
  return [...fresh, ...newer];
}
