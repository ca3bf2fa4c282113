import { DEAD_LETTER_CATALOGUE, DeadLetterHeaders } from '@cc/contracts';
import type { DeadLetter } from './dead-letter';
import { ReplayHeaders } from '@cc/contracts';
import { replayMessage as sut, replayTarget } from './replay-message';

const dlq = DEAD_LETTER_CATALOGUE[0];

function deadLetter(headers: DeadLetter['headers']): DeadLetter {
  return {
    topic: dlq.name,
    partition: 0,
    offset: 41,
    timestamp: '2026-11-26T10:00:00.000Z',
    key: Buffer.from('snd_7a4c1e9b2d3f5a6c'),
    value: Buffer.from('{"reportId":"r-1"}'),
    headers,
  };
}

describe(sut.name, () => {
  const original = deadLetter({
    ce_id: Buffer.from('e-1'),
    ce_type: Buffer.from('org.connectcenter.intake.report.received.v1'),
    'x-correlation-id': Buffer.from('c-1'),
    [DeadLetterHeaders.reason]: Buffer.from('schema: reportId'),
    [DeadLetterHeaders.sourceTopic]: Buffer.from(dlq.source),
    [DeadLetterHeaders.failedAt]: Buffer.from('2026-11-26T09:00:00.000Z'),
    [ReplayHeaders.replayedFrom]: Buffer.from(`${dlq.name}/0/3`),
  });

  it('keeps the key, the value and the original headers, drops every dlq_ header and says where it came from', () => {
    const message = sut(original, new Date('2026-11-26T11:00:00.000Z'));
    expect(message.key).toBe(original.key);
    expect(message.value).toBe(original.value);
    expect(message.headers).toEqual({
      ce_id: Buffer.from('e-1'),
      ce_type: Buffer.from('org.connectcenter.intake.report.received.v1'),
      'x-correlation-id': Buffer.from('c-1'),
      [ReplayHeaders.replayedFrom]: `${dlq.name}/0/41`,
      [ReplayHeaders.replayedAt]: '2026-11-26T11:00:00.000Z',
    });
  });
});

describe(replayTarget.name, () => {
  it('sends a dead letter back to the topic it came from', () => {
    const fromSource = deadLetter({ [DeadLetterHeaders.sourceTopic]: Buffer.from(dlq.source) });
    expect(replayTarget(fromSource, dlq)).toEqual({ ok: true, topic: dlq.source });
  });

  it.each([
    [{}, /no dlq_source_topic header/],
    [{ [DeadLetterHeaders.sourceTopic]: Buffer.from('orders') }, /"orders" is not a catalogue topic/],
  ])('refuses a dead letter whose source is unknown (%j)', (headers, problem) => {
    const target = replayTarget(deadLetter(headers), dlq);
    expect(target.ok).toBe(false);
    expect(!target.ok && target.problem).toMatch(problem);
  });

  it('refuses a source topic that does not feed this DLQ', () => {
    const otherDlq = { ...dlq, source: 'cc.other.thing.v1' as typeof dlq.source };
    const target = replayTarget(deadLetter({ [DeadLetterHeaders.sourceTopic]: Buffer.from(dlq.source) }), otherDlq);
    expect(!target.ok && target.problem).toMatch(/does not feed/);
  });
});
