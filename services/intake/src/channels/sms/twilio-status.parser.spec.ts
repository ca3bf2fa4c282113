import { parseTwilioStatus } from './twilio-status.parser';

const AT = new Date('2026-11-26T10:00:00.000Z');
const callback = (fields: Record<string, string>) => ({ MessageSid: 'SM0123456789abcdef0123456789abcdef', AccountSid: 'AC00000000000000000000000000000000', To: '+919876543210', From: 'CONNCT', ...fields });

describe(parseTwilioStatus.name, () => {
  const sut = parseTwilioStatus;

  it.each([
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['undelivered', 'failed'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
  ])('reads %s as %s, the recipient normalised and the time of receipt', (word, state) => {
    expect(sut(callback({ MessageStatus: word }), AT)).toEqual({
      ok: true,
      status: {
        channel: 'sms',
        provider: 'twilio',
        providerMessageId: 'SM0123456789abcdef0123456789abcdef',
        status: state,
        timestamp: '2026-11-26T10:00:00.000Z',
        recipient: { kind: 'phone', e164: '+919876543210' },
      },
    });
  });

  it('keeps the error code, and reads WhatsApp over Twilio and the older SmsSid/SmsStatus names', () => {
    expect(sut(callback({ MessageStatus: 'undelivered', ErrorCode: '30003' }), AT)).toMatchObject({ status: { errors: [{ code: 30003, title: 'Twilio error 30003' }] } });
    expect(sut({ SmsSid: 'SMabc', SmsStatus: 'delivered', To: 'whatsapp:+919876543210' }, AT)).toMatchObject({ ok: true, status: { channel: 'whatsapp', providerMessageId: 'SMabc', status: 'delivered' } });
  });

  it('acknowledges interim states without a status', () => {
    for (const word of ['queued', 'accepted', 'scheduled', 'sending']) expect(sut(callback({ MessageStatus: word }), AT)).toEqual({ ok: true, ignored: `MessageStatus ${word} says nothing about delivery yet` });
  });

  it('refuses what is not a status callback, naming the field and never the number', () => {
    expect(sut({ MessageStatus: 'sent', To: '+919876543210' }, AT)).toMatchObject({ ok: false, code: 'CHANNEL.MISSING_FIELD', reason: 'MessageSid is missing' });
    expect(sut(callback({}), AT)).toMatchObject({ ok: false, code: 'CHANNEL.MISSING_FIELD', reason: 'MessageStatus is missing' });
    expect(sut(callback({ MessageStatus: 'constructor' }), AT)).toMatchObject({ ok: false, code: 'CHANNEL.UNSUPPORTED_STATUS' });
    const bad = sut(callback({ MessageStatus: 'sent', To: '12345' }), AT);
    expect(bad).toMatchObject({ ok: false, code: 'CHANNEL.INVALID_RECIPIENT' });
    expect(JSON.stringify(bad)).not.toContain('12345');
  });
});
