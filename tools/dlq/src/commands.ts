import type { DeadLetterTopicDefinition } from '@cc/contracts';
import { summarize } from './dead-letter';
import type { DeadLetterReader, OffsetRange, PartitionWatermarks } from './dlq-reader';
import type { TopicListing } from './format';

/** Per DLQ topic: how many records it holds and the `limit` most recent, newest first. */
export async function listDeadLetters(
  reader: DeadLetterReader,
  topics: readonly DeadLetterTopicDefinition[],
  limit: number,
): Promise<TopicListing[]> {
  const found = await Promise.all(topics.map(async (topic) => ({ topic, watermarks: await reader.watermarks(topic.name) })));
  const ranges = found.flatMap(({ topic, watermarks }) => latestRanges(topic.name, watermarks ?? [], limit));
  const deadLetters = await reader.read(ranges);
  return found.map(({ topic, watermarks }) => ({
    topic: topic.name,
    source: topic.source,
    exists: watermarks !== undefined,
    count: (watermarks ?? []).reduce((sum, { low, high }) => sum + (high - low), 0),
    partitions: watermarks ?? [],
    deadLetters: deadLetters
      .filter((deadLetter) => deadLetter.topic === topic.name)
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.offset - a.offset || b.partition - a.partition)
      .slice(0, limit)
      .map(summarize),
  }));
}

/** The last `limit` offsets of each partition: enough for the `limit` most recent over all of them. */
function latestRanges(topic: string, watermarks: readonly PartitionWatermarks[], limit: number): OffsetRange[] {
  if (limit === 0) return [];
  return watermarks
    .filter(({ low, high }) => high > low)
    .map(({ partition, low, high }) => ({ topic, partition, from: Math.max(low, high - limit), to: high - 1 }));
}
