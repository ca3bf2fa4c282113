import { reportReceivedSchema } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import type { ChannelMessage } from '../channels/channel-message';
import { canonicalReport, nameBasedUuid, reportIdOf, storableText } from './canonical-report';

const message: ChannelMessage = {
  channel: 'whatsapp',
  provider: 'meta-cloud-api',
  providerMessageId: 'wamid.HBgMOTE5ODEyMzQ4NzY1',
  sender: { kind: 'phone', e164: '+919812348765' },
  senderName: 'Sunita',
  kind: 'text',
  text: 'Kanke प्रखंड में BDO नहीं मिले, शिकायत',
  providerTimestamp: '2026-11-26T04:00:00.000Z',
  destination: { id: '106540352242922', address: '+916201234567' },
  smsGateway: { circle: 'Bihar' },
};

describe('canonicalReport', () => {
  const at = new Date('2026-11-26T04:00:01.000Z');

  it('is a valid report-received event, keyed by the sender’s pseudonym, with the endpoint it reached', () => {
    const report = canonicalReport(message, at);
    expect(reportReceivedSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      senderKey: canonicalSenderKey(message.sender),
      script: 'mixed',
      receivedAt: '2026-11-26T04:00:01.000Z',
      channelEndpoint: { id: '106540352242922', address: '+916201234567' },
    });
    expect(report.keywords.map((hint) => hint.category)).toEqual(expect.arrayContaining(['bdo', 'complaint']));
  });

  it('carries the app’s declared unit and complaint', () => {
    const declared = canonicalReport({ ...message, declaredUnitCode: 'JH-RAN-KANKE', declaredComplaint: { category: 'bdo-conduct' } }, at);
    expect(declared).toMatchObject({ declaredUnitCode: 'JH-RAN-KANKE', declaredComplaint: { category: 'bdo-conduct' } });
  });

  it('gives a provider’s retry the same report id, and every other channel message its own', () => {
    const retry = canonicalReport({ ...message, text: 'resent' }, new Date(at.getTime() + 60_000));
    expect(retry.reportId).toBe(canonicalReport(message, at).reportId);
    expect(canonicalReport({ ...message, providerMessageId: `${message.providerMessageId}X` }, at).reportId).not.toBe(retry.reportId);
    expect(canonicalReport({ ...message, channel: 'sms' }, at).reportId).not.toBe(retry.reportId);
    expect(reportIdOf(message)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe(nameBasedUuid.name, () => {
  it('is RFC 9562 version 5 (the DNS namespace’s published example)', () => {
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe(storableText.name, () => {
  it('replaces lone surrogates with U+FFFD and keeps pairs (emoji) as they are', () => {
    expect(storableText('a\ud800b \udc00 \ud83d\ude00 \ud800')).toBe('a\uFFFDb \uFFFD 😀 \uFFFD');
    expect(storableText('शिकायत 😀')).toBe('शिकायत 😀');
  });

  it('replaces NUL with U+FFFD in every string, leaving everything else as it was', () => {
    const at = new Date('2026-11-26T00:00:00.000Z');
    expect(storableText({ text: 'a\u0000b\u0007', list: ['\u0000', 3], at, nested: { id: 'x\u0000' }, none: null })).toEqual({
      text: 'a\uFFFDb\u0007',
      list: ['\uFFFD', 3],
      at,
      nested: { id: 'x\uFFFD' },
      none: null,
    });
  });
});
