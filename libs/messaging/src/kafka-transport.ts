import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import type { ServiceConfig } from '@cc/config';
import { kafkaClientConfig } from './kafka.factory';

/**
 * Options for `app.connectMicroservice`: replicas of a service share one consumer group (by default
 * the service's name), so they split partitions while every service sees every event.
 */
export function kafkaConsumerOptions(config: ServiceConfig): MicroserviceOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: kafkaClientConfig(config, { clientId: `${config.KAFKA_CLIENT_ID}-consumer` }),
      consumer: {
        groupId: consumerGroupId(config),
        allowAutoTopicCreation: false,
        sessionTimeout: 30000,
        heartbeatInterval: 3000,
      },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { autoCommit: true },
      // Nest appends "-server" to ids by default; the group id is part of the operational contract.
      postfixId: '',
      producerOnlyMode: false,
    },
  } as MicroserviceOptions;
}

export function consumerGroupId(config: ServiceConfig): string {
  return config.KAFKA_GROUP_ID;
}
