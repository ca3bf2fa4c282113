import { dayRange, openQuerySchema, parseQuery, rangeQuerySchema, silentQuerySchema } from './query';

describe(parseQuery.name, () => {
  it('takes valid parameters and fills defaults', () => {
    expect(parseQuery(rangeQuerySchema, { unit: 'JH-RAN', from: '2026-11-01', to: '2026-11-26' })).toEqual({ ok: true, value: { unit: 'JH-RAN', from: '2026-11-01', to: '2026-11-26' } });
    expect(parseQuery(openQuerySchema, {})).toEqual({ ok: true, value: { limit: 50 } });
    expect(parseQuery(silentQuerySchema, { days: '14', level: 'block' })).toMatchObject({ ok: true, value: { days: 14, level: 'block' } });
  });

  it.each([
    [rangeQuerySchema, { from: '2026-13-01' }, /from: not a calendar day/],
    [rangeQuerySchema, { from: '2026-02-30' }, /from: not a calendar day/],
    [rangeQuerySchema, { to: 'yesterday' }, /to: a day, YYYY-MM-DD/],
    [rangeQuerySchema, { unit: 'jh ran' }, /unit: an org unit code/],
    [rangeQuerySchema, { unit: ['JH', 'BR'] }, /unit/],
    [rangeQuerySchema, { units: 'JH' }, /unknown parameter units/],
    [silentQuerySchema, { days: '0' }, /days/],
    [silentQuerySchema, { days: 'ten' }, /days: must be a whole number/],
    [silentQuerySchema, { level: 'district' }, /level/],
    [openQuerySchema, { limit: '100000' }, /limit/],
  ])('refuses %#: %o', (schema, query, message) => {
    const sut = parseQuery(schema, query);
    expect(sut.ok).toBe(false);
    expect(!sut.ok && sut.message).toMatch(message);
  });
});

describe(dayRange.name, () => {
  const NOW = new Date('2026-11-26T20:00:00.000Z');

  it('defaults to the last 30 Indian days', () => {
    expect(dayRange({}, NOW)).toEqual({ ok: true, value: { from: '2026-10-29', to: '2026-11-27' } });
    expect(dayRange({ from: '2026-11-01' }, NOW)).toEqual({ ok: true, value: { from: '2026-11-01', to: '2026-11-30' } });
  });

  it('refuses a reversed or overlong range', () => {
    expect(dayRange({ from: '2026-11-26', to: '2026-11-01' }, NOW)).toMatchObject({ ok: false, message: expect.stringMatching(/after/) });
    expect(dayRange({ from: '2024-01-01', to: '2026-11-01' }, NOW)).toMatchObject({ ok: false, message: expect.stringMatching(/more than 366 days/) });
  });
});
