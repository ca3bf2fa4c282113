import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { DeadLetterHeaders } from '@cc/contracts';

export interface DeadLetterSource {
  topic: string;
  partition: number;
  consumerGroup: string;
}

/**
 * The original record, byte for byte (key, value, headers), plus headers that say why it failed,
 * where it came from and when, so that `npm run dlq -- replay` can put it back unchanged.
 */
export function deadLetterMessage(message: KafkaMessage, source: DeadLetterSource, reason: string, now: Date): Message {
  const original: IHeaders = Object.fromEntries(
    Object.entries(message.headers ?? {}).filter(([name]) => !name.startsWith('dlq_')),
  );
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...original,
      [DeadLetterHeaders.reason]: reason.slice(0, 2000),
      [DeadLetterHeaders.sourceTopic]: source.topic,
      [DeadLetterHeaders.sourcePartition]: String(source.partition),
      [DeadLetterHeaders.sourceOffset]: message.offset,
      [DeadLetterHeaders.consumerGroup]: source.consumerGroup,
      [DeadLetterHeaders.failedAt]: now.toISOString(),
    },
  };
}
