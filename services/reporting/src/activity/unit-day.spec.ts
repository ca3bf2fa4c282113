import { indianDay, unitOf } from './unit-day';

describe(indianDay.name, () => {
  it.each([
    ['2026-11-26T18:29:59.999Z', '2026-11-26'],
    ['2026-11-26T18:30:00.000Z', '2026-11-27'],
    ['2026-11-27T00:10:00+05:30', '2026-11-27'],
  ])('puts %s on the Indian day %s', (instant, day) => {
    expect(indianDay(instant)).toBe(day);
  });
});

describe(unitOf.name, () => {
  it('counts a report without a declared unit against "unknown"', () => {
    expect(unitOf({})).toBe('unknown');
    expect(unitOf({ declaredUnitCode: 'JH-RAN' })).toBe('JH-RAN');
  });
});
