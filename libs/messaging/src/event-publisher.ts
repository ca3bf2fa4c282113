import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { EventData, EventDefinition } from '@cc/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { childTraceparent, currentCorrelationId, currentTraceparent } from '@cc/observability';
import { cloudEventRecord } from './cloud-event-record';
import { KAFKA } from './kafka.factory';
import { MicroBatcher } from './producer/micro-batcher';

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
  /** Defaults to a new uuid; pass a stable id to make a re-publication recognisable downstream. */
  id?: string;
  /** Defaults to the correlation id of the current request or message, else the event id. */
  correlationId?: string;
  /**
   * `data` is this definition's schema output, parsed moments ago (`outboxEntry` parses every event
   * before it is stored): publishing skips a second parse. Only for data that has not left memory.
   */
  prevalidated?: boolean;
}

/**
 * Publishes contract events as CloudEvents (binary mode): validated first, acknowledged by all
 * in-sync replicas, idempotent producer. Sends made within a few milliseconds of each other share
 * one request. `publish` resolves only once the broker has the record and rejects otherwise.
 */
@Injectable()
export class EventPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;
  private readonly batcher: MicroBatcher;
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
    this.batcher = new MicroBatcher((topicMessages) => this.producer.sendBatch({ topicMessages, acks: -1 }).then(() => undefined), {
      lingerMs: config.KAFKA_PRODUCER_LINGER_MS,
      maxBatchMessages: 500,
      maxPendingMessages: 10_000,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.batcher.flush();
    await this.producer.disconnect();
  }

  /** Resolves to the event id once the broker has acknowledged the record. */
  async publish<D extends EventDefinition>(definition: D, data: EventData<D>, options: PublishOptions = {}): Promise<string> {
    const parsed = options.prevalidated ? { success: true as const, data } : definition.schema.safeParse(data);
    if (!parsed.success) {
      throw new InvalidEventError(
        definition.type,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      );
    }
    const id = options.id ?? randomUUID();
    const record = cloudEventRecord(definition, parsed.data as EventData<D>, {
      id,
      source: this.source,
      correlationId: options.correlationId ?? currentCorrelationId(),
      traceparent: childTraceparent(currentTraceparent()),
    });
    await this.batcher.enqueue(definition.topic, record);
    this.logger.debug(`published ${definition.type}`, { eventId: id, topic: definition.topic });
    return id;
  }
}
