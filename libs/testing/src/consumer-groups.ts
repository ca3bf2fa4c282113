import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS } from '@cc/contracts';

/**
 * Services start a new consumer group at the beginning of each topic (right for production: a new
 * service builds its state from the retained history). A test's fresh group would then replay every
 * earlier run's events from the local broker; this commits the group at the current end instead.
 * `topics` defaults to every topic in the catalogue; see {@link startGroupsAtEnd}.
 */
export async function startGroupAtEnd(groupId: string, topics: readonly string[] = ALL_TOPICS): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-group-positioner', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  await startGroupsAtEnd(kafka, [groupId], topics);
}

/**
 * Commits the current end of each of `topics` for these new, empty groups. Each group joins once, all
 * at once, and commits every topic's end (`admin.setOffsets` joins the group once per topic, about
 * 5 s apiece on a loaded broker). Topics that do not exist yet are left alone (a group reads a topic
 * created later from its start).
 */
export async function startGroupsAtEnd(kafka: Kafka, groupIds: readonly string[], topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Array<{ topic: string; partitions: Array<{ partition: number; high: string }> }>;
  try {
    const existing = new Set(await admin.listTopics());
    const present = [...new Set(topics)].filter((topic) => existing.has(topic));
    ends = await Promise.all(present.map(async (topic) => ({ topic, partitions: await offsetsOnceLed(() => admin.fetchTopicOffsets(topic)) })));
  } finally {
    await admin.disconnect();
  }
  if (ends.length === 0) return;
  await Promise.all(
    groupIds.map(async (groupId) => {
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: ends.map(({ topic }) => topic) });
        const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
        await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
        await joined;
        await consumer.commitOffsets(ends.flatMap(({ topic, partitions }) => partitions.map(({ partition, high }) => ({ topic, partition, offset: high }))));
      } finally {
        await consumer.disconnect();
      }
    }),
  );
}

/**
 * A topic created moments ago (a fresh broker, a service that just provisioned it) may have no
 * partition leader yet: kafkajs then fails with a retriable protocol error. Asks again for a while.
 */
async function offsetsOnceLed<T>(fetch: () => Promise<T>, deadline = Date.now() + 30_000): Promise<T> {
  for (;;) {
    try {
      return await fetch();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true || /leader/i.test((error as Error).message);
      if (!retriable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
