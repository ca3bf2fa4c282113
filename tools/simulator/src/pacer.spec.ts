import { Pacer, schedule } from './pacer';

describe(Pacer.name, () => {
  it('spaces single messages evenly at the rate, whatever the answers take', () => {
    expect(schedule(50, 100, [1, 1, 1, 1, 1, 1, 1])).toEqual([0, 20, 40, 60, 80]);
  });

  it('gives a request of several messages as many slots', () => {
    expect(schedule(10, 1000, [3, 1, 2, 1, 1, 1, 1, 1, 1])).toEqual([0, 300, 400, 600, 700, 800, 900]);
  });

  it('sends rate × duration messages in all', () => {
    const times = schedule(50, 60_000, Array.from({ length: 10_000 }, () => 1));
    expect(times).toHaveLength(3000);
    expect(times.at(-1)).toBeCloseTo(59_980);
  });

  it('takes fractional rates', () => {
    expect(schedule(0.5, 5000, [1, 1, 1, 1])).toEqual([0, 2000, 4000]);
  });

  it('refuses a rate of zero', () => {
    expect(() => new Pacer(0)).toThrow(/above zero/);
  });
});
