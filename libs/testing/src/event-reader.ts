import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { startGroupAtEnd } from './consumer-groups';

export interface ReadEvent {
  topic: string;
  key: string | undefined;
  headers: Record<string, string>;
  data: unknown;
}

export interface EventReader {
  /** Everything read so far, in arrival order. */
  readonly events: readonly ReadEvent[];
  /** The data of the events read from `topic`. */
  dataOf<T>(topic: string): T[];
  stop(): Promise<void>;
}

/**
 * Reads what is published on `topics` from now on, as an analyst's consumer would: a group of its
 * own, positioned at the end of each topic. The topics must exist (start the producing service first).
 */
export async function readEvents(topics: string[]): Promise<EventReader> {
  const groupId = `test-reader-${randomUUID()}`;
  await startGroupAtEnd(groupId, topics);
  const consumer = new Kafka({ clientId: 'test-reader', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).consumer({
    groupId,
    // Tests restart the broker: the group's members are stored with it, and a reader that rejoins
    // after its crash-and-restart comes back as a new member, so the broker first waits for the old
    // one to leave — the session timeout (kafkajs: 30 s) or the rebalance timeout (60 s). Short
    // ones bring the reader back in seconds instead of a minute.
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  const events: ReadEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      events.push({
        topic,
        key: message.key?.toString(),
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
        data: parseValue(message.value?.toString() ?? 'null'),
      });
    },
  });
  return {
    events,
    dataOf: <T>(topic: string) => events.filter((event) => event.topic === topic).map((event) => event.data as T),
    stop: () => consumer.disconnect(),
  };
}

/** JSON when it is; a dead letter may hold anything, and one bad value must not stall the reader. */
function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
