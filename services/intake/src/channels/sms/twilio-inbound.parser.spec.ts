import { TWILIO_ACCOUNT_SID, TWILIO_NUMBER, TWILIO_SENDER, twilioMms, twilioSms, twilioWhatsAppLocation } from '../fixtures';
import type { ChannelMessage } from '../channel-message';
import { parseTwilioInbound } from './twilio-inbound.parser';

const sut = parseTwilioInbound;

function accepted(params: Record<string, string>): ChannelMessage {
  const result = sut(params);
  if (!result.ok) throw new Error(`expected a message, got ${result.code}: ${result.reason}`);
  return result.message;
}

describe(parseTwilioInbound.name, () => {
  it('reads an inbound SMS', () => {
    expect(sut(twilioSms())).toEqual({
      ok: true,
      message: {
        channel: 'sms',
        provider: 'twilio',
        providerMessageId: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
        sender: { kind: 'phone', e164: TWILIO_SENDER },
        kind: 'text',
        text: 'Kanke block: BDO office closed since Monday',
        destination: { id: TWILIO_ACCOUNT_SID, address: TWILIO_NUMBER },
      },
    });
  });

  it('reads every media item with its URL and content type, the body as text', () => {
    const params = twilioMms();
    expect(accepted(params)).toMatchObject({
      providerMessageId: 'MM8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
      kind: 'media',
      text: 'photo of the broken hand pump',
      media: [
        { type: 'image', url: params.MediaUrl0, mimeType: 'image/jpeg' },
        { type: 'document', url: params.MediaUrl1, mimeType: 'application/pdf' },
      ],
    });
  });

  it('maps audio and video content types', () => {
    const media = accepted(twilioMms({ MediaContentType0: 'audio/amr', MediaContentType1: 'video/3gpp' })).media;
    expect(media?.map((item) => item.type)).toEqual(['audio', 'video']);
  });

  it('skips a media slot without a URL and reads no more than NumMedia says', () => {
    const { MediaUrl1: _missing, ...params } = twilioMms({ MediaUrl2: 'https://api.twilio.com/extra' });
    expect(accepted(params).media).toHaveLength(1);
  });

  it.each([['0'], ['abc'], ['-1'], ['']])('reads no media when NumMedia is %p', (numMedia) => {
    const message = accepted(twilioMms({ NumMedia: numMedia }));
    expect(message.media).toBeUndefined();
    expect(message.kind).toBe('text');
  });

  it('reads a WhatsApp location sent through Twilio as the WhatsApp channel', () => {
    expect(accepted(twilioWhatsAppLocation())).toEqual({
      channel: 'whatsapp',
      provider: 'twilio',
      providerMessageId: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      sender: { kind: 'phone', e164: TWILIO_SENDER },
      senderName: 'Ramesh Oraon',
      kind: 'location',
      text: '',
      location: { latitude: 23.3441, longitude: 85.3096, name: 'Block Office Kanke', address: 'Kanke Road, Ranchi' },
      destination: { id: TWILIO_ACCOUNT_SID, address: TWILIO_NUMBER },
    });
  });

  it('takes the replied-to message of a Twilio WhatsApp reply', () => {
    expect(accepted(twilioSms({ OriginalRepliedMessageSid: 'SMoriginal' })).replyTo).toEqual({ providerMessageId: 'SMoriginal' });
  });

  it.each([
    ['non-numeric coordinates', { Latitude: 'north', Longitude: '85.3' }],
    ['a latitude out of range', { Latitude: '91', Longitude: '85.3' }],
    ['only one coordinate', { Latitude: '23.3', Longitude: '' }],
  ])('ignores a location with %s', (_, overrides) => {
    const message = accepted(twilioSms(overrides));
    expect(message.location).toBeUndefined();
    expect(message.kind).toBe('text');
  });

  it('reads a message without a body as empty text', () => {
    const { Body: _body, ...params } = twilioSms();
    expect(accepted(params).text).toBe('');
  });

  it.each([
    ['markup', '<Response><Redirect>https://evil.example</Redirect></Response>'],
    ['a Mongo operator', '{"$where":"this.a == 1"}'],
    ['control characters', 'a\u0000b\u0008c\u001b[0m\r\n'],
    ['surrounding whitespace', '  हाँ  '],
  ])('keeps %s in the body verbatim', (_, body) => {
    expect(accepted(twilioSms({ Body: body })).text).toBe(body);
  });

  it.each([
    ['MessageSid', 'CHANNEL.MISSING_FIELD', 'MessageSid is missing'],
    ['From', 'CHANNEL.MISSING_FIELD', 'From is missing'],
  ])('rejects a request without %s', (field, code, reason) => {
    const { [field]: _dropped, ...params } = twilioSms();
    expect(sut(params)).toEqual({ ok: false, code, reason });
  });

  it.each([['Anonymous'], ['+91123'], ['whatsapp:'], ['12345']])('rejects an unusable From %p', (from) => {
    expect(sut(twilioSms({ From: from }))).toMatchObject({ ok: false, code: 'CHANNEL.INVALID_SENDER', reason: expect.stringMatching(/^From: /) });
  });
});
