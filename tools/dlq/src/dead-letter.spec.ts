import { DeadLetterHeaders } from '@cc/contracts';
import { bytesText, headerEntries, summarize as sut } from './dead-letter';

describe(sut.name, () => {
  it('reads the dlq_ headers of a dead letter as the consumer wrote them', () => {
    const summary = sut({
      topic: 't.dlq',
      partition: 0,
      offset: 3,
      timestamp: '2026-11-26T10:00:00.000Z',
      key: Buffer.from('snd_1'),
      value: null,
      headers: {
        [DeadLetterHeaders.reason]: Buffer.from('schema: text'),
        [DeadLetterHeaders.sourceTopic]: Buffer.from('t'),
        [DeadLetterHeaders.sourcePartition]: Buffer.from('2'),
        [DeadLetterHeaders.sourceOffset]: Buffer.from('99'),
        [DeadLetterHeaders.consumerGroup]: Buffer.from('connect-center-reporting'),
        [DeadLetterHeaders.failedAt]: Buffer.from('2026-11-26T09:59:59.000Z'),
      },
    });
    expect(summary).toEqual({
      topic: 't.dlq',
      partition: 0,
      offset: 3,
      timestamp: '2026-11-26T10:00:00.000Z',
      failedAt: '2026-11-26T09:59:59.000Z',
      sourceTopic: 't',
      sourcePartition: '2',
      sourceOffset: '99',
      consumerGroup: 'connect-center-reporting',
      reason: 'schema: text',
      key: 'snd_1',
    });
  });
});

describe(headerEntries.name, () => {
  it('keeps every value of a repeated header', () => {
    expect(headerEntries({ headers: { a: [Buffer.from('1'), Buffer.from('2')], b: 'x', c: undefined } })).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', 'x'],
    ]);
  });
});

describe(bytesText.name, () => {
  it('decodes UTF-8 and falls back to base64', () => {
    expect(bytesText(Buffer.from('कार्यालय'))).toBe('कार्यालय');
    expect(bytesText(Buffer.from([0xc3, 0x28]))).toBe('base64:wyg=');
  });
});
