import { formatVariables, indianDateTime, tidy, truncate } from './variables';

describe(formatVariables.name, () => {
  const definitions = {
    reference: { type: 'reference' },
    unitName: { type: 'text', maxLength: 20 },
    dueAt: { type: 'datetime' },
    hoursLeft: { type: 'integer' },
  } as const;
  const values = { reference: 'CC-2026-000123', unitName: 'Angara', dueAt: new Date('2026-11-26T10:00:00Z'), hoursLeft: 6 };
  const sut = formatVariables;

  it('writes every value as text', () => {
    expect(sut(definitions, values)).toEqual({
      ok: true,
      values: { reference: 'CC-2026-000123', unitName: 'Angara', dueAt: '26-11-2026 15:30', hoursLeft: '6' },
    });
  });

  it('refuses a missing variable', () => {
    const { hoursLeft: _omitted, ...rest } = values;
    expect(sut(definitions, rest)).toEqual({ ok: false, code: 'TEMPLATE.MISSING_VARIABLE', reason: 'no value for "hoursLeft"' });
  });

  it('refuses a variable the template does not have', () => {
    expect(sut(definitions, { ...values, reporterName: 'Ramesh' })).toEqual({
      ok: false,
      code: 'TEMPLATE.UNKNOWN_VARIABLE',
      reason: 'the template has no variable "reporterName"',
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a fractional integer', { hoursLeft: 1.5 }, '"hoursLeft" is not a whole number'],
    ['a numeric string for an integer', { hoursLeft: '6' }, '"hoursLeft" is not a whole number'],
    ['an invalid date', { dueAt: new Date('nope') }, '"dueAt" is not a date and time'],
    ['a date string without an offset', { dueAt: '2026-11-26T10:00:00' }, '"dueAt" is not a date and time'],
    ['a reference with spaces', { reference: 'CC 2026' }, '"reference" is not a reference'],
    ['a reference of 31 characters', { reference: 'C'.repeat(31) }, '"reference" is not a reference'],
    ['empty text', { unitName: ' \n ' }, '"unitName" is empty'],
    ['a number as text', { unitName: 42 }, '"unitName" is not text'],
  ])('refuses %s', (_name, override, reason) => {
    const result = sut(definitions, { ...values, ...override } as never);
    expect(result).toEqual({ ok: false, code: 'TEMPLATE.INVALID_VALUE', reason: expect.stringContaining(reason) });
  });

  it('accepts a date string with its offset', () => {
    expect(sut(definitions, { ...values, dueAt: '2026-11-26T15:30:00+05:30' })).toMatchObject({ values: { dueAt: '26-11-2026 15:30' } });
  });

  it('never puts the refused value in the reason', () => {
    const result = sut(definitions, { ...values, reference: '+91 98765 43210' });
    expect(result.ok ? '' : result.reason).not.toContain('98765');
  });

  it('cuts text to its declared length, and to a channel limit below it', () => {
    const long = { ...values, unitName: 'Albert Ekka (Jari) block committee' };
    expect(sut(definitions, long)).toMatchObject({ values: { unitName: 'Albert Ekka (Jari...' } });
    expect(sut(definitions, { ...long, reference: 'CC-1' }, { maxLength: 10 })).toMatchObject({ values: { unitName: 'Albert...' } });
  });

  it('refuses to shorten a reference for a channel that cannot hold it', () => {
    expect(sut(definitions, values, { maxLength: 10 })).toMatchObject({ ok: false, code: 'TEMPLATE.VALUE_TOO_LONG' });
  });

  it('tidies text to one line', () => {
    expect(sut(definitions, { ...values, unitName: ' Angara\n\tblock ' })).toMatchObject({ values: { unitName: 'Angara block' } });
  });
});

describe(tidy.name, () => {
  it('removes control and direction-override characters and normalises to NFC', () => {
    expect(tidy('A\u202Egnara\u0000 x')).toBe('Agnara x');
    expect(tidy('जुडें'.normalize('NFD'))).toBe('जुडें'.normalize('NFC'));
  });

  it('keeps the joiners Devanagari needs', () => {
    expect(tidy('क्\u200Dष')).toBe('क्\u200Dष');
  });
});

describe(truncate.name, () => {
  it('leaves a short text alone', () => {
    expect(truncate('अनगड़ा', 10)).toBe('अनगड़ा');
  });

  it('never cuts inside a Devanagari letter and its marks', () => {
    const cut = truncate('प्रखंड समिति अनगड़ा', 10);
    expect(cut).toBe('प्रखंड...');
    expect([...cut].length).toBeLessThanOrEqual(10);
  });
});

describe(indianDateTime.name, () => {
  it('writes Indian time across midnight UTC', () => {
    expect(indianDateTime(new Date('2026-11-26T20:00:00Z'))).toBe('27-11-2026 01:30');
  });
});
