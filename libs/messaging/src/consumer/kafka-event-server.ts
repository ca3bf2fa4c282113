import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { type Consumer, type EachBatchPayload, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { deadLetterTopic, type Topic, topicDefinition } from '@cc/contracts';
import type { ServiceConfig } from '@cc/config';
import { runWithCorrelationId, type MetricsService } from '@cc/observability';
import { createKafka } from '../kafka.factory';
import type { ConsumedEvent } from './consumed-event';
import { deadLetterMessage } from './dead-letter';
import { decodeMessage } from './decode-message';
import { KafkaBatchContext } from './kafka-batch-context';
import { backoffDelay, isPermanent, isTransient, retryTransient } from './retry-policy';

/** Handlers get at most this many events per call: one bulk write, bounded in size and time. */
const MAX_EVENTS_PER_CALL = 500;
const HEARTBEAT_SLICE_MS = 2000;

interface FailedEvent {
  message: KafkaMessage;
  reason: string;
}

type Outcome = { failed: FailedEvent[] } | 'stopped';

/**
 * The services' Kafka consumer, as a Nest transport: `@EventPattern(Topics.X)` handlers receive
 * an array of validated {@link ConsumedEvent}s, so they can apply a whole batch in one bulk write.
 *
 * Delivery is at least once. A partition's offset is committed only after the handler has applied
 * the events (and after dead letters are durable), so a crash replays the uncommitted part of the
 * batch and handlers must make their effects idempotent (key them on the event id). A message
 * that can never succeed — unknown type, not JSON, schema violation, or a handler that keeps
 * rejecting it alone — goes to `<topic>.dlq` with the reason, and the partition moves on. An
 * outage of the store or broker is retried with back-off until it ends or the consumer stops.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private readonly log = new Logger(KafkaEventServer.name);
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;

  constructor(
    private readonly config: ServiceConfig,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    // kafkajs waits for the batch in progress; handlers see isRunning() turn false and stop retrying.
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    const unknown = topics.filter((topic) => !topicDefinition(topic));
    if (unknown.length > 0) throw new Error(`@EventPattern on topics outside the catalogue: ${unknown.join(', ')}`);
    if (topics.length === 0) return;

    const kafka = createKafka(this.config, { clientId: `${this.config.KAFKA_CLIENT_ID}-consumer` });
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    this.consumer = kafka.consumer({
      groupId: this.config.KAFKA_GROUP_ID,
      allowAutoTopicCreation: false,
      sessionTimeout: this.config.KAFKA_CONSUMER_SESSION_TIMEOUT_MS,
      heartbeatInterval: Math.floor(this.config.KAFKA_CONSUMER_SESSION_TIMEOUT_MS / 10),
    });
    await this.consumer.connect();
    // A topic created a moment ago (first boot) may not be in every broker's metadata yet.
    await retryTransient(() => this.consumer!.subscribe({ topics, fromBeginning: true }));
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.log.log(`consuming ${topics.join(', ')} in group ${this.config.KAFKA_GROUP_ID}`);
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const stopTimer = this.metrics.consumerBatchDuration.startTimer({ group: this.config.KAFKA_GROUP_ID, topic: batch.topic });
    this.metrics.consumerLag.set({ group: this.config.KAFKA_GROUP_ID, topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
    try {
      await this.processMessages(payload);
    } finally {
      stopTimer();
    }
  }

  private async processMessages(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += MAX_EVENTS_PER_CALL) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + MAX_EVENTS_PER_CALL);
      const events: ConsumedEvent[] = [];
      const rejected: FailedEvent[] = [];
      for (const message of chunk) {
        const decoded = decodeMessage(batch.topic, batch.partition, message);
        if (decoded.ok) events.push(decoded.event);
        else rejected.push({ message, reason: decoded.reason });
      }
      const outcome = events.length > 0 ? await this.apply(events, chunk, payload) : { failed: [] };
      if (outcome === 'stopped') return;
      await this.deadLetter(batch.topic as Topic, batch.partition, [...rejected, ...outcome.failed]);

      const last = chunk[chunk.length - 1]!.offset;
      payload.resolveOffset(last);
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }],
      });
      await payload.heartbeat();
      this.metrics.consumerMessages.inc({ group: this.config.KAFKA_GROUP_ID, topic: batch.topic, outcome: 'applied' }, events.length - outcome.failed.length);
    }
  }

  /**
   * Applies events, retrying the whole group; when a group keeps failing for a reason other than an
   * outage, each event is retried alone so that one poison event cannot hold back the others.
   */
  private async apply(events: ConsumedEvent[], messages: KafkaMessage[], payload: EachBatchPayload): Promise<Outcome> {
    const handler = this.getHandlerByPattern(payload.batch.topic)!;
    const context = new KafkaBatchContext([payload.batch.topic, payload.batch.partition]);
    const invoke = async (group: ConsumedEvent[]) => {
      const run = async () => {
        const result = await handler(group, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      };
      await (group.length === 1 ? runWithCorrelationId(group[0]!.correlationId, run, group[0]!.traceparent) : run());
    };

    for (let attempt = 0; ; attempt++) {
      try {
        await invoke(events);
        return { failed: [] };
      } catch (error) {
        if (!payload.isRunning() || payload.isStale()) return 'stopped';
        const transient = isTransient(error);
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (!transient && (isPermanent(error) || attempt + 1 >= this.config.KAFKA_CONSUMER_MAX_ATTEMPTS)) {
          if (events.length === 1) {
            const message = messages.find((candidate) => candidate.offset === events[0]!.offset)!;
            const verdict = isPermanent(error) ? reason : `handler failed ${attempt + 1} times: ${reason}`;
            return { failed: [{ message, reason: verdict }] };
          }
          return this.applyOneByOne(events, messages, payload);
        }
        const delay = backoffDelay(attempt, 100, this.config.KAFKA_CONSUMER_RETRY_MAX_MS);
        this.log.warn(`handler failed (${transient ? 'transient' : `attempt ${attempt + 1}`}), retrying in ${delay} ms: ${reason}`, {
          topic: payload.batch.topic,
          partition: payload.batch.partition,
          events: events.length,
        });
        this.metrics.consumerRetries.inc({ group: this.config.KAFKA_GROUP_ID, topic: payload.batch.topic, kind: transient ? 'transient' : 'handler' });
        if (!(await this.pause(delay, payload))) return 'stopped';
      }
    }
  }

  private async applyOneByOne(events: ConsumedEvent[], messages: KafkaMessage[], payload: EachBatchPayload): Promise<Outcome> {
    const failed: FailedEvent[] = [];
    for (const event of events) {
      const outcome = await this.apply([event], messages, payload);
      if (outcome === 'stopped') return outcome;
      failed.push(...outcome.failed);
    }
    return { failed };
  }

  /** Waits, heartbeating so the group does not evict us; false when the consumer is stopping. */
  private async pause(ms: number, payload: EachBatchPayload): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_SLICE_MS, until - Date.now())));
      if (!payload.isRunning() || payload.isStale()) return false;
      await payload.heartbeat();
    }
    return true;
  }

  /** Awaited before the offset moves: a dead letter is durable before its source is committed. */
  private async deadLetter(topic: Topic, partition: number, failures: FailedEvent[]): Promise<void> {
    if (failures.length === 0) return;
    const now = new Date();
    const source = { topic, partition, consumerGroup: this.config.KAFKA_GROUP_ID };
    for (const failure of failures) {
      this.log.warn(`dead-lettering ${topic}/${partition}/${failure.message.offset}: ${failure.reason}`);
    }
    await this.producer!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: failures.map((failure) => deadLetterMessage(failure.message, source, failure.reason, now)),
    });
    this.metrics.consumerMessages.inc({ group: this.config.KAFKA_GROUP_ID, topic, outcome: 'dead-lettered' }, failures.length);
  }
}
