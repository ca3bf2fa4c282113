import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { type DeadLetter, fromKafkaMessage } from './dead-letter';
import { DlqError, UsageError } from './errors';

export interface PartitionWatermarks {
  readonly partition: number;
  /** The oldest offset still held. */
  readonly low: number;
  /** The offset the next record will get: the partition holds low..high-1. */
  readonly high: number;
}

/** Offsets from..to of one partition, inclusive. */
export interface OffsetRange {
  readonly topic: string;
  readonly partition: number;
  readonly from: number;
  readonly to: number;
}

export const DEFAULT_READ_TIMEOUT_MS = 30000;

/**
 * Reads records by offset. kafkajs reads only through a consumer group, so each read joins a
 * group of its own, seeks, commits nothing, and deletes the group when it is done.
 */
export class DeadLetterReader {
  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly groupPrefix: string,
    private readonly timeoutMs = DEFAULT_READ_TIMEOUT_MS,
  ) {}

  /** Undefined when the topic does not exist yet (services create it at boot). */
  async watermarks(topic: string): Promise<PartitionWatermarks[] | undefined> {
    const existing = await this.admin.listTopics();
    if (!existing.includes(topic)) return undefined;
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets
      .map(({ partition, low, high }) => ({ partition, low: Number(low), high: Number(high) }))
      .sort((a, b) => a.partition - b.partition);
  }

  async existingWatermarks(topic: string): Promise<PartitionWatermarks[]> {
    const watermarks = await this.watermarks(topic);
    if (!watermarks) throw new DlqError('DLQ.TOPIC_MISSING', `${topic} does not exist on the broker yet (the services create it at boot)`);
    return watermarks;
  }

  /** The partition's watermarks; a partition the topic does not have is a usage error. */
  async partitionWatermarks(topic: string, partition: number): Promise<PartitionWatermarks> {
    const watermarks = await this.existingWatermarks(topic);
    const found = watermarks.find((candidate) => candidate.partition === partition);
    if (!found) {
      throw new UsageError(`${topic} has no partition ${partition}; it has ${describePartitions(watermarks)}`, 'DLQ.NO_SUCH_PARTITION');
    }
    return found;
  }

  /** The dead letter at that offset; an offset the partition does not hold is a usage error. */
  async one(topic: string, partition: number, offset: number): Promise<DeadLetter> {
    const watermarks = await this.partitionWatermarks(topic, partition);
    assertHeld(topic, watermarks, offset, offset);
    const [deadLetter] = await this.read([{ topic, partition, from: offset, to: offset }]);
    if (!deadLetter) throw new DlqError('DLQ.NOT_FOUND', `no record at ${topic}/${partition}/${offset}`);
    return deadLetter;
  }

  /** Every record in the ranges, in offset order per partition. */
  async read(ranges: readonly OffsetRange[]): Promise<DeadLetter[]> {
    const pending = new Map(ranges.filter((range) => range.from <= range.to).map((range) => [rangeKey(range), range]));
    if (pending.size === 0) return [];
    const found: DeadLetter[] = [];
    const groupId = `${this.groupPrefix}-${randomUUID()}`;
    const consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 500,
      // A restarted consumer would forget the seeks below; fail instead.
      retry: { retries: 3, restartOnFailure: async () => false },
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      for (const topic of new Set(ranges.map((range) => range.topic))) await consumer.subscribe({ topic });
      const complete = new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => {
          const left = [...pending.values()].map((range) => `${range.topic}/${range.partition} ${range.from}..${range.to}`);
          reject(new DlqError('DLQ.TIMEOUT', `timed out after ${this.timeoutMs} ms reading ${left.join(', ')}`));
        }, this.timeoutMs);
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const key = rangeKey({ topic, partition });
              const range = pending.get(key);
              const offset = Number(message.offset);
              if (!range) return;
              if (offset >= range.from && offset <= range.to) found.push(fromKafkaMessage(topic, partition, message));
              if (offset >= range.to) {
                pending.delete(key);
                if (pending.size === 0) resolve();
              }
            },
          })
          .catch(reject);
      });
      // Before the first fetch: run() has created the group synchronously and is now joining.
      for (const range of pending.values()) consumer.seek({ topic: range.topic, partition: range.partition, offset: String(range.from) });
      await complete;
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
      // Kafka 4 keeps an empty group that never committed; this one is of no use to anyone.
      await this.admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return found.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset);
  }
}

export function assertHeld(topic: string, watermarks: PartitionWatermarks, from: number, to: number): void {
  if (from >= watermarks.low && to < watermarks.high) return;
  const asked = from === to ? `offset ${from}` : `offsets ${from}..${to}`;
  const held =
    watermarks.high > watermarks.low
      ? `holds offsets ${watermarks.low}..${watermarks.high - 1}`
      : `is empty (next offset ${watermarks.high})`;
  throw new UsageError(`${topic} partition ${watermarks.partition} ${held}; ${asked} is not there`, 'DLQ.OFFSET_OUT_OF_RANGE');
}

function describePartitions(watermarks: readonly PartitionWatermarks[]): string {
  return watermarks.length === 1 ? 'only partition 0' : `partitions 0..${watermarks.length - 1}`;
}

function rangeKey(range: { topic: string; partition: number }): string {
  return `${range.topic}/${range.partition}`;
}
