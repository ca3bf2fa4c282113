import { GUPSHUP_LONG_CODE, GUPSHUP_SENDER_E164, GUPSHUP_TIMESTAMP_ISO, GUPSHUP_TIMESTAMP_MS, gupshupInbound } from '../fixtures';
import type { ChannelMessage } from '../channel-message';
import { gupshupMessageId, parseGupshupInbound, readTimestamp } from './gupshup-inbound.parser';

const sut = parseGupshupInbound;

function accepted(query: Record<string, string | string[] | undefined>): ChannelMessage {
  const result = sut(query);
  if (!result.ok) throw new Error(`expected a message, got ${result.code}: ${result.reason}`);
  return result.message;
}

describe(parseGupshupInbound.name, () => {
  it('reads a keyword callback', () => {
    expect(sut(gupshupInbound())).toEqual({
      ok: true,
      message: {
        channel: 'sms',
        provider: 'gupshup',
        // printf '%s' '+919812348765|1795665600000|CONGRESS Kanke…' | sha256sum, first 32 hex digits.
        providerMessageId: 'gs_3ad8527071f51fcb5d9ce0375752187e',
        sender: { kind: 'phone', e164: GUPSHUP_SENDER_E164 },
        providerTimestamp: GUPSHUP_TIMESTAMP_ISO,
        kind: 'text',
        text: 'CONGRESS Kanke block CO ne jameen ka kaam roka',
        destination: { address: GUPSHUP_LONG_CODE },
        smsGateway: { keyword: 'CONGRESS', circle: 'Bihar Jharkhand', carrier: 'Airtel' },
      },
    });
  });

  it.each([['9812348765'], ['919812348765'], ['+919812348765'], ['09812348765']])(
    'normalises msisdn %p to E.164, and derives the same id from it',
    (msisdn) => {
      const message = accepted(gupshupInbound({ msisdn }));
      expect(message.sender).toEqual({ kind: 'phone', e164: GUPSHUP_SENDER_E164 });
      expect(message.providerMessageId).toBe('gs_3ad8527071f51fcb5d9ce0375752187e');
    },
  );

  describe('derived id', () => {
    const id = (overrides: Record<string, string>) => accepted(gupshupInbound(overrides)).providerMessageId;

    it('is the same for a retry of the same message', () => {
      expect(id({})).toBe(id({}));
      expect(id({})).toMatch(/^gs_[0-9a-f]{32}$/);
    });

    it('does not depend on keyword, circle, carrier or long code', () => {
      expect(id({ keyword: 'OTHER', location: 'Delhi', carrier: 'Jio', phonecode: '5676791' })).toBe(id({}));
    });

    it.each([
      ['another sender', { msisdn: '9812348766' }],
      ['another time', { timestamp: '1795665600001' }],
      ['other content', { content: 'CONGRESS Kanke block CO ne jameen ka kaam roka.' }],
    ])('differs for %s', (_, overrides) => {
      expect(id(overrides)).not.toBe(id({}));
    });

    it('cannot collide by moving the separator: a timestamp containing it is refused', () => {
      // Otherwise (timestamp "1|2", content "3") and (timestamp "1", content "2|3") would hash alike.
      expect(gupshupMessageId(GUPSHUP_SENDER_E164, '1|2', '3')).toBe(gupshupMessageId(GUPSHUP_SENDER_E164, '1', '2|3'));
      expect(sut(gupshupInbound({ timestamp: '1|2', content: '3' }))).toEqual({
        ok: false,
        code: 'CHANNEL.MALFORMED_PAYLOAD',
        reason: 'timestamp has characters no timestamp has',
      });
      expect(accepted(gupshupInbound({ timestamp: '1', content: '2|3' })).text).toBe('2|3');
    });
  });

  describe('timestamp', () => {
    it.each([
      ['epoch milliseconds', GUPSHUP_TIMESTAMP_MS, '2026-11-26T04:00:00.000Z'],
      ['epoch seconds', '1795665600', '2026-11-26T04:00:00.000Z'],
      ['a date string, read as IST', '2026-11-26 09:30:00', '2026-11-26T04:00:00.000Z'],
      ['a date string without seconds', '2026-11-26 09:30', '2026-11-26T04:00:00.000Z'],
      ['an ISO string with an offset', '2026-11-26T09:30:00+05:30', '2026-11-26T04:00:00.000Z'],
      ['an offset without a colon', '2026-11-26 09:30:00+0530', '2026-11-26T04:00:00.000Z'],
      ['UTC', '2026-11-26T04:00:00Z', '2026-11-26T04:00:00.000Z'],
    ])('reads %s', (_, raw, iso) => {
      expect(readTimestamp(raw)).toBe(iso);
      expect(accepted(gupshupInbound({ timestamp: raw })).providerTimestamp).toBe(iso);
    });

    it.each([['13082098000'], ['yesterday'], ['2026-13-45 99:99:99']])(
      'accepts %p, which it cannot read, without a providerTimestamp but still with an id',
      (raw) => {
        const message = accepted(gupshupInbound({ timestamp: raw }));
        expect(message.providerTimestamp).toBeUndefined();
        expect(message.providerMessageId).toBe(gupshupMessageId(GUPSHUP_SENDER_E164, raw, 'CONGRESS Kanke block CO ne jameen ka kaam roka'));
      },
    );
  });

  it('takes the keyword as text when the content is missing', () => {
    expect(accepted(gupshupInbound({ content: undefined })).text).toBe('CONGRESS');
  });

  it('reads a parameter given once as a list', () => {
    expect(accepted(gupshupInbound({ msisdn: ['919812348765'] })).sender).toEqual({ kind: 'phone', e164: GUPSHUP_SENDER_E164 });
  });

  it('leaves out the gateway details it was not given', () => {
    const message = accepted({ msisdn: '9812348765', timestamp: GUPSHUP_TIMESTAMP_MS, content: 'x' });
    expect(message.smsGateway).toBeUndefined();
    expect(message.destination).toBeUndefined();
  });

  it.each([
    ['markup', '<b>CO</b><script>x()</script>'],
    ['a Mongo operator', '{"$where":"1"} $gt'],
    ['control characters', 'a\u0000\u0007b\r\n'],
    ['Devanagari with surrounding spaces', '  अंचल अधिकारी ने काम रोका  '],
  ])('keeps %s in the content verbatim', (_, content) => {
    expect(accepted(gupshupInbound({ content })).text).toBe(content);
  });

  it.each([
    ['msisdn', { msisdn: undefined }, 'CHANNEL.MISSING_FIELD', 'msisdn is missing'],
    ['an empty msisdn', { msisdn: '' }, 'CHANNEL.MISSING_FIELD', 'msisdn is missing'],
    ['timestamp', { timestamp: undefined }, 'CHANNEL.MISSING_FIELD', 'timestamp is missing'],
    ['a repeated content', { content: ['a', 'b'] }, 'CHANNEL.AMBIGUOUS_FIELD', 'content is repeated'],
    ['a repeated msisdn', { msisdn: ['9812348765', '9812348766'] }, 'CHANNEL.AMBIGUOUS_FIELD', 'msisdn is repeated'],
  ])('rejects a callback without %s', (_, overrides, code, reason) => {
    expect(sut(gupshupInbound(overrides))).toEqual({ ok: false, code, reason });
  });

  it.each([['12345'], ['5812348765'], ['98123487650'], ['not-a-number']])('rejects msisdn %p as not an Indian mobile number', (msisdn) => {
    expect(sut(gupshupInbound({ msisdn }))).toMatchObject({ ok: false, code: 'CHANNEL.INVALID_SENDER', reason: expect.stringMatching(/^msisdn: /) });
  });
});
