import type { KafkaMessage } from 'kafkajs';
import { DeadLetterHeaders } from '@cc/contracts';
import { deadLetterMessage } from './dead-letter';

describe(deadLetterMessage.name, () => {
  const original = {
    key: Buffer.from('k'),
    value: Buffer.from('{"a":1}'),
    headers: { ce_type: Buffer.from('t'), dlq_reason: Buffer.from('an older failure') },
    offset: '7',
    timestamp: '0',
    attributes: 0,
  } as unknown as KafkaMessage;

  it('keeps key, value and headers and says why, where from and when', () => {
    const sut = deadLetterMessage(original, { topic: 'cc.a.b.v1', partition: 3, consumerGroup: 'g' }, 'broken', new Date('2026-01-02T03:04:05Z'));
    expect(sut.key).toBe(original.key);
    expect(sut.value).toBe(original.value);
    expect(sut.headers).toEqual({
      ce_type: original.headers!.ce_type,
      [DeadLetterHeaders.reason]: 'broken',
      [DeadLetterHeaders.sourceTopic]: 'cc.a.b.v1',
      [DeadLetterHeaders.sourcePartition]: '3',
      [DeadLetterHeaders.sourceOffset]: '7',
      [DeadLetterHeaders.consumerGroup]: 'g',
      [DeadLetterHeaders.failedAt]: '2026-01-02T03:04:05.000Z',
    });
  });
});
