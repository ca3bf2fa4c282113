import type { Message } from 'kafkajs';
import { CLOUDEVENTS_SPEC_VERSION, CloudEventHeaders, EVENT_CONTENT_TYPE, type EventData, type EventDefinition } from '@cc/contracts';

export interface CloudEventAttributes {
  id: string;
  source: string;
  /** Defaults to the event id: the event starts its own chain. */
  correlationId?: string;
  /** W3C trace context of the span that publishes the event. */
  traceparent?: string;
  time?: Date;
}

/**
 * A contract event as a Kafka record in CloudEvents binary mode: attributes in `ce_*` headers, the
 * data as the JSON value, the definition's key. The data must already be valid.
 */
export function cloudEventRecord<D extends EventDefinition>(definition: D, data: EventData<D>, attributes: CloudEventAttributes): Message {
  return {
    key: definition.key(data),
    value: JSON.stringify(data),
    headers: {
      [CloudEventHeaders.id]: attributes.id,
      [CloudEventHeaders.source]: attributes.source,
      [CloudEventHeaders.type]: definition.type,
      [CloudEventHeaders.specversion]: CLOUDEVENTS_SPEC_VERSION,
      [CloudEventHeaders.time]: (attributes.time ?? new Date()).toISOString(),
      [CloudEventHeaders.subject]: definition.subject(data),
      [CloudEventHeaders.contentType]: EVENT_CONTENT_TYPE,
      [CloudEventHeaders.correlationId]: attributes.correlationId ?? attributes.id,
      ...(attributes.traceparent ? { [CloudEventHeaders.traceparent]: attributes.traceparent } : {}),
    },
  };
}
