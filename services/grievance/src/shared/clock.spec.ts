import { ManualClock, systemClock } from './clock';
import { days } from './duration';

describe(ManualClock.name, () => {
  const start = new Date('2026-03-02T04:00:00Z');

  it('moves only when told, forward only', () => {
    const sut = new ManualClock(start);

    expect(sut.now()).toEqual(start);
    expect(sut.advance(days(21))).toEqual(new Date('2026-03-23T04:00:00Z'));
    expect(() => sut.advance(-1)).toThrow(RangeError);
    expect(() => sut.set(start)).toThrow(RangeError);
  });

  it('hands out copies, so nobody can move it by mutating a date', () => {
    const sut = new ManualClock(start);
    sut.now().setTime(0);

    expect(sut.now()).toEqual(start);
  });

  it('has a system twin that reads the real time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
