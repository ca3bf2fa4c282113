import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { CloudEventHeaders } from '@cc/contracts';

export interface TailOptions {
  readonly topic: string;
  readonly fromBeginning: boolean;
  readonly limit?: number;
  /** Resolves when the tail should stop (Ctrl-C). */
  readonly interrupted: Promise<void>;
}

/** One record as the CLI prints it: where it is, its key, its record id and type, and the record. */
export function formatRecord(partition: number, message: KafkaMessage): string {
  const header = (name: string) => message.headers?.[name]?.toString();
  const text = message.value?.toString() ?? 'null';
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    record = text;
  }
  return JSON.stringify({
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    id: header(CloudEventHeaders.id) ?? null,
    type: header(CloudEventHeaders.type) ?? null,
    record,
  });
}

/**
 * Prints a feed's records as they arrive. kafkajs reads only through a consumer group, so the tail
 * joins a group of its own (new, so it starts at the end, or at the beginning when asked), commits
 * nothing, and deletes the group when it stops. Resolves to the number of records printed.
 */
export async function tailFeed(kafka: Kafka, options: TailOptions, print: (line: string) => void): Promise<number> {
  const admin = kafka.admin();
  const groupId = `connect-center-feed-tail-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  let printed = 0;
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(options.topic)) throw new Error(`${options.topic} does not exist on the broker yet (reporting creates it at boot)`);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      void options.interrupted.then(resolve);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            if (options.limit !== undefined && printed >= options.limit) return;
            print(formatRecord(partition, message));
            printed += 1;
            if (options.limit !== undefined && printed >= options.limit) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return printed;
}
