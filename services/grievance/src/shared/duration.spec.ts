import { after, days, describeDuration, hours, minutes } from './duration';

describe(describeDuration.name, () => {
  it.each([
    [days(7), '7 days'],
    [days(1) + hours(4), '1 day 4 hours'],
    [hours(1), '1 hour'],
    [minutes(90), '1 hour'],
    [minutes(45), '45 minutes'],
    [0, '0 minutes'],
  ])('describes %d ms as %j, minutes only below an hour', (duration, text) => {
    expect(describeDuration(duration)).toBe(text);
  });

  it('adds a duration to an instant', () => {
    expect(after(new Date('2026-03-02T00:00:00Z'), days(21))).toEqual(new Date('2026-03-23T00:00:00Z'));
  });
});
