import { Kafka } from 'kafkajs';
import { TOPIC_CATALOGUE } from '@cc/contracts';

/**
 * Services start a new consumer group at the beginning of each topic (right for production: a new
 * service builds its state from the retained history). A test's fresh group would then replay every
 * earlier run's events from the local broker; this commits the group at the current end instead.
 */
export async function startGroupAtEnd(groupId: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-group-positioner', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: 1 });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const { name } of TOPIC_CATALOGUE.filter((topic) => existing.has(topic.name))) {
      const offsets = await admin.fetchTopicOffsets(name);
      await admin.setOffsets({
        groupId,
        topic: name,
        partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
