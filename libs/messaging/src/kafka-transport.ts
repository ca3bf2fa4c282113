import type { MicroserviceOptions } from '@nestjs/microservices';
import type { ServiceConfig } from '@cc/config';
import type { MetricsService } from '@cc/observability';
import { KafkaEventServer } from './consumer/kafka-event-server';

/**
 * Options for `app.connectMicroservice`: replicas of a service share one consumer group (by default
 * the service's name), so they split partitions while every service sees every event.
 */
export function kafkaConsumerOptions(config: ServiceConfig, metrics: MetricsService): MicroserviceOptions {
  return { strategy: new KafkaEventServer(config, metrics) };
}
