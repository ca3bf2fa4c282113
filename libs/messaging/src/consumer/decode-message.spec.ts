import type { KafkaMessage } from 'kafkajs';
import { CloudEventHeaders, ReportReceivedEvent, Topics } from '@cc/contracts';
import { decodeMessage } from './decode-message';

function message(value: unknown, headers: Record<string, string> = {}): KafkaMessage {
  return {
    key: Buffer.from('snd_1'),
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: { [CloudEventHeaders.type]: ReportReceivedEvent.type, ...headers },
    offset: '41',
    timestamp: '0',
    attributes: 0,
  } as KafkaMessage;
}

describe(decodeMessage.name, () => {
  it('decodes a valid event with its CloudEvents attributes', () => {
    const decoded = decodeMessage(
      Topics.ReportReceived,
      2,
      message(ReportReceivedEvent.example, {
        [CloudEventHeaders.id]: 'evt-1',
        [CloudEventHeaders.correlationId]: 'corr-12345678',
        [CloudEventHeaders.traceparent]: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      }),
    );
    expect(decoded).toEqual({
      ok: true,
      event: expect.objectContaining({
        id: 'evt-1',
        type: ReportReceivedEvent.type,
        correlationId: 'corr-12345678',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        data: ReportReceivedEvent.example,
        key: 'snd_1',
        topic: Topics.ReportReceived,
        partition: 2,
        offset: '41',
      }),
    });
  });

  it('falls back to the record coordinates when ce_id is missing', () => {
    const decoded = decodeMessage(Topics.ReportReceived, 2, message(ReportReceivedEvent.example));
    expect(decoded.ok && decoded.event.id).toBe(`${Topics.ReportReceived}/2/41`);
  });

  it('rejects a type the topic does not carry', () => {
    const decoded = decodeMessage(Topics.ReportReceived, 0, message(ReportReceivedEvent.example, { [CloudEventHeaders.type]: 'x.y.v1' }));
    expect(decoded).toEqual({ ok: false, reason: expect.stringContaining('ce_type "x.y.v1"') });
  });

  it('rejects a value that is not JSON', () => {
    expect(decodeMessage(Topics.ReportReceived, 0, message('{not json'))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^value is not JSON/),
    });
  });

  it('rejects a schema violation and names each field', () => {
    const decoded = decodeMessage(Topics.ReportReceived, 0, message({ ...ReportReceivedEvent.example, reportId: 'x', channel: 'fax' }));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toMatch(/reportId: .*; channel: /);
  });
});
