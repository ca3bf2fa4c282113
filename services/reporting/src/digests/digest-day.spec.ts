import { dueDays, indianDayBounds, indianDayOf } from './digest-day';

const MINUTE = 60_000;

describe('digest days', () => {
  it('bounds an Indian day by Indian midnights, 18:30 UTC the evening before', () => {
    expect(indianDayBounds('2026-11-26')).toEqual({ from: new Date('2026-11-25T18:30:00.000Z'), to: new Date('2026-11-26T18:30:00.000Z') });
    expect(indianDayOf(new Date('2026-11-26T18:29:59.999Z'))).toBe('2026-11-26');
    expect(indianDayOf(new Date('2026-11-26T18:30:00.000Z'))).toBe('2026-11-27');
    expect(indianDayBounds('2026-12-31').to).toEqual(new Date('2026-12-31T18:30:00.000Z'));
  });

  it('makes a day due only once Indian midnight and the delay have passed', () => {
    const sut = (at: string) => dueDays(new Date(at), 2, 10 * MINUTE);
    expect(sut('2026-11-26T18:29:59.000Z')).toEqual(['2026-11-24', '2026-11-25']);
    expect(sut('2026-11-26T18:35:00.000Z')).toEqual(['2026-11-24', '2026-11-25']);
    expect(sut('2026-11-26T18:40:00.000Z')).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('never goes further back than the lookback, however long the service was away', () => {
    expect(dueDays(new Date('2026-11-27T06:00:00.000Z'), 1, 0)).toEqual(['2026-11-26']);
    expect(dueDays(new Date('2026-11-27T06:00:00.000Z'), 3, 0)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
  });

  it('publishes nothing for the days before the digests first ran', () => {
    expect(dueDays(new Date('2026-11-27T06:00:00.000Z'), 3, 0, '2026-11-27')).toEqual([]);
    expect(dueDays(new Date('2026-11-27T06:00:00.000Z'), 3, 0, '2026-11-25')).toEqual(['2026-11-25', '2026-11-26']);
  });
});
