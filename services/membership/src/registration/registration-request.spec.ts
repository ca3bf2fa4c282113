import { ReportReceivedEvent, type ReportReceived } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { registrationLanguageOf, registrationRequestOf } from './registration-request';

const tree = jharkhandTree();
const sender = { kind: 'phone', e164: '+919812348765' } as const;

function report(overrides: Partial<ReportReceived>): ReportReceived {
  return {
    ...ReportReceivedEvent.example,
    reportId: '3f1c2a9e-8d4b-4e2a-9c1f-0a6b7d5e4c3b',
    sender,
    senderKey: canonicalSenderKey(sender),
    senderName: undefined,
    kind: 'text',
    script: 'latin',
    language: 'en',
    receivedAt: '2025-05-01T10:00:00.000+05:30',
    channelEndpoint: undefined,
    ...overrides,
  };
}

describe(registrationRequestOf.name, () => {
  const sut = registrationRequestOf;

  it('reads the unit, the name and the sender of a JOIN', () => {
    expect(sut(report({ text: 'JOIN Kanke - Ramesh Kumar' }), tree)).toEqual({
      ok: true,
      request: {
        sender,
        senderKey: canonicalSenderKey(sender),
        reportId: '3f1c2a9e-8d4b-4e2a-9c1f-0a6b7d5e4c3b',
        unitCode: 'JH-RAN-KANKE',
        name: 'Ramesh Kumar',
        language: 'en',
        requestedAt: new Date('2025-05-01T04:30:00.000Z'),
      },
    });
  });

  it('takes the WhatsApp profile name when the message has none, if it is plausibly a name', () => {
    expect(sut(report({ text: 'जुड़ें कांके', script: 'devanagari', language: 'hi', senderName: ' Sita  Devi ' }), tree)).toMatchObject({
      ok: true,
      request: { unitCode: 'JH-RAN-KANKE', name: 'Sita Devi', language: 'hi' },
    });
    const numbered = sut(report({ text: 'JOIN Kanke', senderName: '98123 48765' }), tree);
    expect(numbered.ok && numbered.request.name).toBeUndefined();
  });

  it('looks in the state of the channel number first, then everywhere', () => {
    const channelStates = new Map([['106540352242922', 'JH'], ['+916201234567', 'BR']]);
    expect(sut(report({ text: 'JOIN Kanke', channelEndpoint: { id: '106540352242922' } }), tree, { channelStates })).toMatchObject({ request: { unitCode: 'JH-RAN-KANKE' } });
    expect(sut(report({ text: 'JOIN Kanke', channelEndpoint: { address: '+916201234567' } }), tree, { channelStates })).toMatchObject({ request: { unitCode: 'JH-RAN-KANKE' } });
  });

  it('returns the candidates of an ambiguous unit', () => {
    expect(sut(report({ text: 'JOIN Chainpur' }), tree)).toMatchObject({
      ok: false,
      code: 'REGISTRATION.UNIT_AMBIGUOUS',
      candidates: [{ code: 'JH-GUM-CHAINPUR' }, { code: 'JH-PAL-CHAINPUR' }],
    });
  });

  it.each([
    ['JOIN Nowhere', 'REGISTRATION.UNIT_NOT_FOUND'],
    ['JOIN', 'REGISTRATION.MISSING_UNIT'],
    ['सड़क टूटी है', 'REGISTRATION.NOT_A_REGISTRATION'],
  ])('refuses %j with %s', (text, code) => {
    expect(sut(report({ text }), tree)).toMatchObject({ ok: false, code });
  });

  it('reads only text messages (a caption is not a registration)', () => {
    expect(sut(report({ kind: 'media', text: 'JOIN Kanke' }), tree)).toMatchObject({ ok: false, code: 'REGISTRATION.NOT_A_REGISTRATION' });
  });
});

describe(registrationLanguageOf.name, () => {
  it.each([
    ['devanagari', 'hi', 'hi'],
    ['latin', 'hi-Latn', 'hi'],
    ['latin', 'en', 'en'],
    ['latin', 'und', 'en'],
    ['mixed', 'und', 'hi'],
    ['none', 'und', 'hi'],
  ] as const)('answers a %s message detected as %s in %s', (script, language, expected) => {
    expect(registrationLanguageOf({ script, language })).toBe(expected);
  });
});
