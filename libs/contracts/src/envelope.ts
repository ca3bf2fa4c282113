/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes travel as `ce_`
 * headers and the data is the record value, so any Kafka tool can read an event.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md
 */
export const CloudEventHeaders = {
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  specversion: 'ce_specversion',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  traceparent: 'traceparent',
  correlationId: 'x-correlation-id',
} as const;

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const EVENT_CONTENT_TYPE = 'application/json';

/** Headers a dead-lettered message carries besides its original ones: why, from where, when. */
export const DeadLetterHeaders = {
  reason: 'dlq_reason',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  consumerGroup: 'dlq_consumer_group',
  failedAt: 'dlq_failed_at',
} as const;

/**
 * Headers a message replayed from a dead-letter topic carries besides its original ones. They start
 * with `dlq_` like {@link DeadLetterHeaders}, so a message dead-lettered and replayed again carries
 * only its latest replay's.
 */
export const ReplayHeaders = {
  replayedFrom: 'dlq_replayed_from',
  replayedAt: 'dlq_replayed_at',
} as const;
