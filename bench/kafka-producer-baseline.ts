import { performance } from 'node:perf_hooks';
import { type Kafka, type Message, Partitioners } from 'kafkajs';
import { type Percentiles, percentiles } from './http-load';

export interface ProducerBaselineOptions {
  topic: string;
  seconds: number;
  warmupSeconds: number;
  batchSize: number;
  /** Records sent in turn, `batchSize` at a time. */
  records: Message[];
}

export interface ProducerBaselineResult {
  seconds: number;
  messages: number;
  batches: number;
  /** Messages acknowledged per second. */
  mps: number;
  /** Per `sendBatch`, from the call to the broker's acknowledgement. */
  batchLatencyMs: Percentiles;
}

/**
 * A raw kafkajs producer with the settings of the services' EventPublisher (idempotent, one
 * request in flight, murmur2 partitioner) sending `batchSize` records per `sendBatch` with
 * acks=all, back to back, for a fixed time: what the intake's producer could do with nothing else
 * to do. The records are built beforehand, so their building is not measured.
 */
export async function runProducerBaseline(kafka: Kafka, options: ProducerBaselineOptions): Promise<ProducerBaselineResult> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const batches = Math.max(1, Math.floor(options.records.length / options.batchSize));
    let next = 0;
    const sendFor = async (seconds: number, latencies: number[]): Promise<number> => {
      const endAt = performance.now() + seconds * 1000;
      let sent = 0;
      while (performance.now() < endAt) {
        const start = (next++ % batches) * options.batchSize;
        const messages = options.records.slice(start, start + options.batchSize);
        const sentAt = performance.now();
        await producer.sendBatch({ topicMessages: [{ topic: options.topic, messages }], acks: -1 });
        latencies.push(performance.now() - sentAt);
        sent += messages.length;
      }
      return sent;
    };
    await sendFor(options.warmupSeconds, []);
    const latencies: number[] = [];
    const startedAt = performance.now();
    const messages = await sendFor(options.seconds, latencies);
    const seconds = (performance.now() - startedAt) / 1000;
    return { seconds, messages, batches: latencies.length, mps: messages / seconds, batchLatencyMs: percentiles(latencies) };
  } finally {
    await producer.disconnect();
  }
}
