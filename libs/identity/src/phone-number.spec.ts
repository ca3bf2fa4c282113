import { maskPhone, normalizeIndianPhone, type PhoneRejection } from './phone-number';

describe(normalizeIndianPhone.name, () => {
  const sut = normalizeIndianPhone;

  it.each([
    ['9812348765', 'ten digits, as a worker types it'],
    ['09812348765', 'with the trunk 0'],
    ['919812348765', 'with 91, as a WhatsApp wa_id or a Gupshup msisdn'],
    ['+919812348765', 'already E.164'],
    ['+91 98123 48765', 'with spaces'],
    ['+91-98123-48765', 'with dashes'],
    ['+91–98123–48765', 'with en dashes from a copy-paste'],
    ['(+91) 98123 48765', 'in parentheses'],
    ['+91 (0) 98123 48765', 'with the trunk 0 after the country code'],
    ['0091 98123 48765', 'with the international prefix 00'],
    ['098123.48765', 'with a dot'],
    [' 98123\u00A048765\n', 'with a no-break space and surrounding whitespace'],
    ['९८१२३४८७६५', 'in Devanagari digits'],
    ['+९१ ९८१२३ ४८७६५', 'in Devanagari digits with the country code'],
  ])('reads %j as +919812348765 (%s)', (raw) => {
    expect(sut(raw)).toEqual({ ok: true, e164: '+919812348765' });
  });

  it.each([
    ['6201234567', '+916201234567'],
    ['7004512345', '+917004512345'],
    ['8877665544', '+918877665544'],
  ])('accepts the mobile series starting 6, 7 and 8: %s', (raw, e164) => {
    expect(sut(raw)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['+14155550123', '+14155550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['001 415 555 0123', '+14155550123'],
    ['+97312345678', '+97312345678'],
  ])('keeps a foreign number given with + or 00: %j', (raw, e164) => {
    expect(sut(raw)).toEqual({ ok: true, e164 });
  });

  it.each<[string, PhoneRejection]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-() .', 'empty'],
    ['abc', 'invalid-characters'],
    ['98123abc65', 'invalid-characters'],
    ['+91 98123 48765 ext 2', 'invalid-characters'],
    ['98123\u000048765', 'invalid-characters'],
    ['98123\u001b48765', 'invalid-characters'],
    ['91+9812348765', 'invalid-characters'],
    ['++919812348765', 'invalid-characters'],
    ['{"$where": "9812348765"}', 'invalid-characters'],
    ['<b>9812348765</b>', 'invalid-characters'],
    ['981234876', 'too-short'],
    ['+91 981234876', 'too-short'],
    ['+91', 'too-short'],
    ['+', 'too-short'],
    ['+1415555', 'too-short'],
    ['98123487651', 'too-long'],
    ['9198123487651', 'too-long'],
    ['14155550123', 'too-long'],
    ['+91 98123 487651', 'too-long'],
    ['+1234567890123456', 'too-long'],
    ['5812348765', 'not-indian-mobile'],
    ['01234567890', 'not-indian-mobile'],
    ['915812348765', 'not-indian-mobile'],
    ['+91 58123 48765', 'not-indian-mobile'],
    ['+0123456789', 'invalid-country-code'],
    ['000123456789', 'invalid-country-code'],
  ])('refuses %j as %s', (raw, reason) => {
    expect(sut(raw)).toEqual({ ok: false, reason });
  });
});

describe(maskPhone.name, () => {
  const sut = maskPhone;

  it.each([
    ['+919812348765', '+91******8765'],
    ['+14155550123', '+*******0123'],
    ['+442079460958', '+********0958'],
  ])('shows only the last four digits (and +91) of %s', (e164, masked) => {
    expect(sut(e164)).toBe(masked);
  });

  it.each(['9812348765', '+91 98123 48765', '', 'not a number', '+9198123487651234'])(
    'does not echo %j, which is not E.164',
    (raw) => {
      expect(sut(raw)).toBe('***');
    },
  );

  it('masks what normalizeIndianPhone produces', () => {
    const normalized = normalizeIndianPhone('098123-48765');

    expect(normalized.ok && sut(normalized.e164)).toBe('+91******8765');
  });
});
