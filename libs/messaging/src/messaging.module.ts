import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { ServiceConfig } from '@cc/config';
import { EventPublisher } from './event-publisher';
import { createKafka, KAFKA } from './kafka.factory';
import { KafkaHealthIndicator } from './kafka.health';
import { TopicProvisioner } from './topic-provisioner';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: MessagingModule,
      imports: [TerminusModule],
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(config) },
        TopicProvisioner,
        EventPublisher,
        KafkaHealthIndicator,
      ],
      exports: [KAFKA, EventPublisher, KafkaHealthIndicator],
    };
  }
}
