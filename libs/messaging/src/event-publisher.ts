import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import {
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventHeaders,
  EVENT_CONTENT_TYPE,
  type EventData,
  type EventDefinition,
} from '@cc/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { currentCorrelationId } from '@cc/observability';
import { KAFKA } from './kafka.factory';

export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(`${eventType} does not match its schema: ${problems.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

export interface PublishOptions {
  /** Defaults to the correlation id of the current request or message, else a new one. */
  correlationId?: string;
  /** Defaults to a new uuid; pass a stable id to make a re-publication recognisable downstream. */
  id?: string;
}

/**
 * Publishes contract events as CloudEvents (binary mode) with acks from all in-sync replicas.
 * Every send resolves only once the broker has the record, and rejects otherwise: the caller
 * decides what a failure means; nothing is fire-and-forget.
 */
@Injectable()
export class EventPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;
  private readonly source: string;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.source = `/connect-center/${config.SERVICE_NAME}`;
    this.producer = kafka.producer({
      idempotent: true,
      // The idempotent producer keeps order per partition only with one request in flight.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // murmur2, as the Java client: a key lands on the same partition whoever produces it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish<D extends EventDefinition>(definition: D, data: EventData<D>, options: PublishOptions = {}): Promise<string> {
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) {
      throw new InvalidEventError(
        definition.type,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      );
    }
    const id = options.id ?? randomUUID();
    const correlationId = options.correlationId ?? currentCorrelationId() ?? id;
    await this.producer.send({
      topic: definition.topic,
      acks: -1,
      messages: [
        {
          key: definition.key(parsed.data),
          value: JSON.stringify(parsed.data),
          headers: {
            [CloudEventHeaders.id]: id,
            [CloudEventHeaders.source]: this.source,
            [CloudEventHeaders.type]: definition.type,
            [CloudEventHeaders.specversion]: CLOUDEVENTS_SPEC_VERSION,
            [CloudEventHeaders.time]: new Date().toISOString(),
            [CloudEventHeaders.subject]: definition.subject(parsed.data),
            [CloudEventHeaders.contentType]: EVENT_CONTENT_TYPE,
            [CloudEventHeaders.correlationId]: correlationId,
          },
        },
      ],
    });
    this.logger.debug(`published ${definition.type}`, { eventId: id, topic: definition.topic });
    return id;
  }
}
