import type { Model } from 'mongoose';
import { duplicateIndexes } from '@cc/persistence';
import type { ConsumedEvent } from './consumed-event';

/** `<topic>/<partition>/<offset>`: the record that delivered an event. */
export function sourceRecordOf(event: ConsumedEvent): string {
  return `${event.topic}/${event.partition}/${event.offset}`;
}

/**
 * Idempotent recording of a batch: one unordered insert of a document per event, keyed by the
 * event's entity id (`_id`), each carrying `sourceRecord`. A duplicate key means "already
 * recorded". Returns the events to count: those whose record first delivered their entity — the
 * first delivery, or a redelivery of that same record after a crash — never a copy published again
 * at another offset. Counters built on it count each entity once.
 */
export async function recordFirstDeliveries<T, D extends { _id: string; sourceRecord: string }>(
  model: Model<D>,
  events: ReadonlyArray<ConsumedEvent<T>>,
  documentOf: (event: ConsumedEvent<T>, sourceRecord: string) => D,
): Promise<Array<ConsumedEvent<T>>> {
  const documents = events.map((event) => documentOf(event, sourceRecordOf(event)));
  let duplicates = new Set<number>();
  try {
    await model.insertMany(documents as never[], { ordered: false });
  } catch (error) {
    duplicates = duplicateIndexes(error);
  }
  if (duplicates.size === 0) return [...events];
  const already = await model
    .find({ _id: { $in: documents.filter((_, index) => duplicates.has(index)).map((document) => document._id) } } as never, { sourceRecord: 1 })
    .lean<Array<{ _id: string; sourceRecord: string }>>()
    .exec();
  const first = new Map(already.map((entry) => [entry._id, entry.sourceRecord]));
  return events.filter((_, index) => !duplicates.has(index) || first.get(documents[index]!._id) === documents[index]!.sourceRecord);
}
