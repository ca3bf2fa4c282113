import { randomBytes } from 'node:crypto';
import type { Kafka, Message } from 'kafkajs';
import { percentiles, type Percentiles } from '../http-load';
import { runProducerBaseline } from '../kafka-producer-baseline';

export interface KafkaCeiling {
  messageBytes: number;
  partitions: number;
  batchSize: number;
  /** acks=all, idempotent, one batch in flight: the services' producer settings. */
  producePerSecond: number;
  produceBatchMs: Percentiles;
  /** A consumer reading while the producer writes: how many it read per second, and record timestamp → read. */
  consumeWhileProducingPerSecond: number;
  produceToReadMs: Percentiles;
  /** A new consumer group reading the whole backlog from the start. */
  backlogReadPerSecond: number;
}

/**
 * The raw Kafka ceiling on this machine with the pipeline's message size: a bare kafkajs producer
 * and consumer on a scratch topic with as many partitions as report-received, no services' work
 * in between. What the pipeline reaches is read against it.
 */
export async function measureKafkaCeiling(kafka: Kafka, options: { run: string; messageBytes: number; partitions: number; seconds: number; batchSize: number }): Promise<KafkaCeiling> {
  const topic = `bench.system.raw.${options.run}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: options.partitions, replicationFactor: 1 }], waitForLeaders: true });
  try {
    const records: Message[] = Array.from({ length: options.batchSize * 20 }, (_, index) => ({
      key: `sender-${index % 97}`,
      // Printable, incompressible enough, and of the pipeline's record size (value and headers together).
      value: randomBytes(Math.ceil((options.messageBytes * 3) / 4)).toString('base64').slice(0, Math.max(1, Math.round(options.messageBytes))),
    }));

    let read = 0;
    const lags: number[] = [];
    let counting = false;
    const live = kafka.consumer({ groupId: `bench-system-raw-live-${options.run}`, maxWaitTimeInMs: 100 });
    await live.connect();
    await live.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => live.on(live.events.GROUP_JOIN, () => resolve()));
    await live.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (!counting) return;
        const now = Date.now();
        read += batch.messages.length;
        for (const message of batch.messages) lags.push(now - Number(message.timestamp));
      },
    });
    await joined;
    counting = true;
    const readStart = Date.now();
    const produced = await runProducerBaseline(kafka, { topic, seconds: options.seconds, warmupSeconds: 0, batchSize: options.batchSize, records });
    const consumeWhileProducingPerSecond = read / ((Date.now() - readStart) / 1000);
    await live.disconnect();

    const backlog = (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
    let backlogRead = 0;
    let firstAt = 0;
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const reader = kafka.consumer({ groupId: `bench-system-raw-backlog-${options.run}`, maxWaitTimeInMs: 100, maxBytes: 50 * 1024 * 1024 });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        firstAt ||= Date.now();
        backlogRead += batch.messages.length;
        if (backlogRead >= backlog) finish();
      },
    });
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 120_000))]);
    const backlogReadPerSecond = backlogRead / Math.max(0.001, (Date.now() - firstAt) / 1000);
    await reader.disconnect();

    return {
      messageBytes: options.messageBytes,
      partitions: options.partitions,
      batchSize: options.batchSize,
      producePerSecond: produced.mps,
      produceBatchMs: produced.batchLatencyMs,
      consumeWhileProducingPerSecond,
      produceToReadMs: percentiles(lags),
      backlogReadPerSecond,
    };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([`bench-system-raw-live-${options.run}`, `bench-system-raw-backlog-${options.run}`]).catch(() => undefined);
    await admin.disconnect();
  }
}
