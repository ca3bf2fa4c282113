import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { DEAD_LETTER_CATALOGUE, TOPIC_CATALOGUE, topicConfig } from '@cc/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { KAFKA } from './kafka.factory';

/**
 * Creates the catalogue's topics and their dead-letter topics if they are missing, before any
 * consumer subscribes. Safe to run from every replica: creating an existing topic is a no-op.
 * Existing topics are left as they are: changing partitions or retention is an operator's call.
 */
@Injectable()
export class TopicProvisioner implements OnModuleInit {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const created = await createMissingTopics(admin, this.config.KAFKA_TOPIC_REPLICATION_FACTOR);
      if (created.length > 0) this.logger.log(`created topics ${created.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  }
}

/** Creates the catalogue's topics and dead-letter topics that do not exist yet; resolves to their names. */
export async function createMissingTopics(admin: Admin, replicationFactor: number): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = [...TOPIC_CATALOGUE, ...DEAD_LETTER_CATALOGUE].filter((topic) => !existing.has(topic.name));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic: topic.name,
      numPartitions: topic.partitions,
      replicationFactor,
      configEntries: Object.entries(topicConfig(topic)).map(([name, value]) => ({ name, value })),
    })),
  });
  return missing.map((topic) => topic.name);
}
