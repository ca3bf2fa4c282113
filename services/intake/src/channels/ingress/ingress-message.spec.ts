import { ChannelMessageIngressEvent, channelMessageIngressSchema } from '@cc/contracts';
import { parseIngressMessage } from './ingress-message';

const ingress = (overrides: Record<string, unknown>) => channelMessageIngressSchema.parse({ ...ChannelMessageIngressEvent.example, ...overrides });

describe('parseIngressMessage', () => {
  it('maps the documented example to an app message namespaced by the integrator', () => {
    const parsed = parseIngressMessage(ChannelMessageIngressEvent.example);
    expect(parsed).toEqual({
      ok: true,
      message: {
        channel: 'app',
        provider: 'kafka',
        providerMessageId: 'party-app:7c9e6679-7425-40de-944b-e07fc1f90ae7',
        sender: { kind: 'app-user', id: 'app-user-20931' },
        senderName: 'Sunita Devi',
        providerTimestamp: '2026-11-26T04:12:00.000Z',
        kind: 'media',
        text: ChannelMessageIngressEvent.example.text,
        media: ChannelMessageIngressEvent.example.attachments,
        location: ChannelMessageIngressEvent.example.location,
        declaredUnitCode: 'JH-RAN-KANKE',
        declaredComplaint: ChannelMessageIngressEvent.example.complaint,
      },
    });
  });

  it('keeps a wamid as it is, so the same message by webhook and by Kafka is one report', () => {
    const parsed = parseIngressMessage(ingress({ channel: 'whatsapp', messageId: 'wamid.HBgMOTE5ODEyMzQ4NzY1', sender: { kind: 'phone', number: '919812348765' } }));
    expect(parsed.ok && parsed.message).toMatchObject({ channel: 'whatsapp', providerMessageId: 'wamid.HBgMOTE5ODEyMzQ4NzY1', sender: { kind: 'phone', e164: '+919812348765' } });
  });

  it.each(['9812348765', '09812348765', '+91 98123 48765', '९८१२३४८७६५'])('normalises the phone %s to E.164', (number) => {
    const parsed = parseIngressMessage(ingress({ channel: 'sms', messageId: 'gs-1', sender: { kind: 'phone', number } }));
    expect(parsed.ok && parsed.message.sender).toEqual({ kind: 'phone', e164: '+919812348765' });
  });

  it('refuses a phone that is no number, with a reason that does not repeat it', () => {
    const parsed = parseIngressMessage(ingress({ channel: 'sms', messageId: 'gs-2', sender: { kind: 'phone', number: '12345' } }));
    expect(parsed).toEqual({ ok: false, code: 'CHANNEL.INVALID_SENDER', reason: 'sender.number is not a phone number intake can use (too-short)' });
  });
});
