/**
 * Where "now" comes from. The domain takes instants as arguments; the sweeper and the API read
 * them from a clock, so tests drive weeks of deadlines in milliseconds with a {@link ManualClock}.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(duration: number): Date {
    if (duration < 0) throw new RangeError('a clock does not go back');
    this.current += duration;
    return this.now();
  }

  set(at: Date): Date {
    if (at.getTime() < this.current) throw new RangeError('a clock does not go back');
    this.current = at.getTime();
    return this.now();
  }
}
