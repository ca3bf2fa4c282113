import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { type IHeaders, type Kafka, Partitioners, type Producer } from 'kafkajs';
import {
  CloudEventHeaders,
  DeadLetterHeaders,
  deadLetterTopic,
  type EventData,
  type EventDefinition,
} from '@cc/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { acceptOrCreateCorrelationId, runWithCorrelationId } from '@cc/observability';
import { KAFKA } from './kafka.factory';
import { consumerGroupId } from './kafka-transport';

export interface EventMeta {
  id: string;
  correlationId: string;
  topic: string;
  partition: number;
  offset: string;
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * The edge where an event enters a process: checks its type and schema before any work, sends
 * what can never succeed to the topic's dead-letter topic with the reason, and runs the handler
 * with the event's correlation id. Handler errors propagate, so the message is redelivered.
 */
@Injectable()
export class EventConsumer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly producer: Producer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  async consume<D extends EventDefinition>(
    definition: D,
    payload: unknown,
    context: unknown,
    handler: (data: EventData<D>, meta: EventMeta) => Promise<void>,
  ): Promise<void> {
    // Nest types handler context arguments as unknown; this is the one place that narrows it.
    if (!(context instanceof KafkaContext)) throw new TypeError('EventConsumer.consume needs the KafkaContext (@Ctx())');
    const message = context.getMessage();
    const meta: EventMeta = {
      id: header(message.headers, CloudEventHeaders.id) ?? `${context.getTopic()}/${context.getPartition()}/${message.offset}`,
      correlationId: acceptOrCreateCorrelationId(header(message.headers, CloudEventHeaders.correlationId)),
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
    };
    const type = header(message.headers, CloudEventHeaders.type);
    if (type !== definition.type) {
      return this.deadLetter(context, payload, `unexpected ce_type "${type ?? '(missing)'}", expected "${definition.type}"`);
    }
    const parsed = definition.schema.safeParse(payload);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      return this.deadLetter(context, payload, `schema: ${problems.join('; ')}`);
    }
    await runWithCorrelationId(meta.correlationId, () => handler(parsed.data as EventData<D>, meta));
  }

  private async deadLetter(context: KafkaContext, payload: unknown, reason: string): Promise<void> {
    const message = context.getMessage();
    const topic = context.getTopic();
    this.logger.warn(`dead-lettering a message from ${topic}: ${reason}`, {
      partition: context.getPartition(),
      offset: message.offset,
    });
    // Awaited: the offset must not move on before the dead letter is durable.
    await this.producer.send({
      topic: deadLetterTopic(topic as Parameters<typeof deadLetterTopic>[0]),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: typeof payload === 'string' ? payload : JSON.stringify(payload ?? null),
          headers: {
            ...message.headers,
            [DeadLetterHeaders.reason]: reason.slice(0, 2000),
            [DeadLetterHeaders.sourceTopic]: topic,
            [DeadLetterHeaders.sourcePartition]: String(context.getPartition()),
            [DeadLetterHeaders.sourceOffset]: message.offset,
            [DeadLetterHeaders.consumerGroup]: consumerGroupId(this.config),
            [DeadLetterHeaders.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
  }
}
