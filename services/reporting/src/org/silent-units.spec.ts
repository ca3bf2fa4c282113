import { org } from './fixtures';
import { silentUnits } from './silent-units';

describe(silentUnits.name, () => {
  const NOW = new Date('2026-11-26T06:00:00.000Z');
  const DAY = 24 * 60 * 60 * 1000;
  const last = new Map([
    ['JH-RAN-KANKE', new Date(NOW.getTime() - 2 * DAY)],
    ['KANKE-P1', new Date(NOW.getTime() - 2 * DAY)],
    ['JH-RAN-ANGARA', new Date(NOW.getTime() - 10 * DAY)],
  ]);
  const sut = (scope: string, days: number, now = NOW) => silentUnits(org(), (code) => last.get(code), scope, days, now);

  it('lists the blocks and panchayats with no report for N days, never-heard-from first', () => {
    expect(sut('JH', 7).map((unit) => [unit.unitCode, unit.silentDays])).toEqual([
      ['JH-KHU-ARKI', null],
      ['KANKE-P2', null],
      ['JH-RAN-ANGARA', 10],
    ]);
  });

  it('follows the clock it is given', () => {
    expect(sut('JH-RAN', 7, new Date(NOW.getTime() + 6 * DAY)).map((unit) => unit.unitCode)).toEqual(['KANKE-P2', 'JH-RAN-ANGARA', 'JH-RAN-KANKE', 'KANKE-P1']);
    expect(sut('JH-RAN', 30).map((unit) => unit.unitCode)).toEqual(['KANKE-P2']);
  });

  it('stays inside the subtree', () => {
    expect(sut('JH-RAN-KANKE', 7).map((unit) => unit.unitCode)).toEqual(['KANKE-P2']);
    expect(sut('BR', 7)).toEqual([]);
  });
});
