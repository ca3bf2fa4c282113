import type { KafkaMessage } from 'kafkajs';
import { CloudEventHeaders, eventDefinition } from '@cc/contracts';
import { acceptOrCreateCorrelationId, isTraceparent } from '@cc/observability';
import type { ConsumedEvent } from './consumed-event';

export type Decoded = { ok: true; event: ConsumedEvent } | { ok: false; reason: string };

export function headerValue(message: Pick<KafkaMessage, 'headers'>, name: string): string | undefined {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? undefined : first.toString();
}

/**
 * The edge where an event enters a process: its `ce_type` must be an event the catalogue carries
 * on this topic, its value JSON, and the JSON valid against that event's schema. Anything else can
 * never succeed however often it is retried, so the reason is returned for the dead-letter topic.
 */
export function decodeMessage(topic: string, partition: number, message: KafkaMessage): Decoded {
  const type = headerValue(message, CloudEventHeaders.type);
  const definition = eventDefinition(topic, type);
  if (!definition) {
    return { ok: false, reason: `unknown event type: ce_type "${type ?? '(missing)'}" is not carried on ${topic}` };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, reason: `invalid ${definition.type}: ${problems.join('; ')}` };
  }
  return {
    ok: true,
    event: {
      id: headerValue(message, CloudEventHeaders.id) ?? `${topic}/${partition}/${message.offset}`,
      type: definition.type,
      source: headerValue(message, CloudEventHeaders.source),
      subject: headerValue(message, CloudEventHeaders.subject),
      time: headerValue(message, CloudEventHeaders.time),
      correlationId: acceptOrCreateCorrelationId(headerValue(message, CloudEventHeaders.correlationId)),
      traceparent: traceparent(message),
      data: parsed.data,
      key: message.key?.toString(),
      topic,
      partition,
      offset: message.offset,
    },
  };
}

function traceparent(message: KafkaMessage): string | undefined {
  const value = headerValue(message, CloudEventHeaders.traceparent);
  return isTraceparent(value) ? value : undefined;
}
