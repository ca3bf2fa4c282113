import type { IHeaders, KafkaMessage } from 'kafkajs';
import { DeadLetterHeaders } from '@cc/contracts';

/** One record of a DLQ topic, bytes as the broker holds them. */
export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** When the record was appended (the producer's create time unless the topic says log-append). */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** What `list` shows of a dead letter: the dlq_* headers, as written by the consumer that gave up. */
export interface DeadLetterSummary {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: string;
  readonly failedAt?: string;
  readonly sourceTopic?: string;
  readonly sourcePartition?: string;
  readonly sourceOffset?: string;
  readonly consumerGroup?: string;
  readonly reason?: string;
  readonly key: string | null;
}

export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): DeadLetter {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
  };
}

/** The first value of a header as text, or undefined when absent. */
export function headerText(deadLetter: Pick<DeadLetter, 'headers'>, name: string): string | undefined {
  const value = deadLetter.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : bytesText(first);
}

/** Every header as text, repeated names keeping every value, in the record's order. */
export function headerEntries(deadLetter: Pick<DeadLetter, 'headers'>): Array<[string, string]> {
  return Object.entries(deadLetter.headers).flatMap(([name, value]): Array<[string, string]> => {
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map((one) => [name, bytesText(one)]);
  });
}

export function summarize(deadLetter: DeadLetter): DeadLetterSummary {
  const header = (name: string) => headerText(deadLetter, name);
  return {
    topic: deadLetter.topic,
    partition: deadLetter.partition,
    offset: deadLetter.offset,
    timestamp: deadLetter.timestamp,
    failedAt: header(DeadLetterHeaders.failedAt),
    sourceTopic: header(DeadLetterHeaders.sourceTopic),
    sourcePartition: header(DeadLetterHeaders.sourcePartition),
    sourceOffset: header(DeadLetterHeaders.sourceOffset),
    consumerGroup: header(DeadLetterHeaders.consumerGroup),
    reason: header(DeadLetterHeaders.reason),
    key: deadLetter.key === null ? null : bytesText(deadLetter.key),
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text when the bytes are UTF-8 (our keys, headers and values are), else `base64:…`. */
export function bytesText(bytes: Buffer | string): string {
  if (typeof bytes === 'string') return bytes;
  try {
    return utf8.decode(bytes);
  } catch {
    return `base64:${bytes.toString('base64')}`;
  }
}
