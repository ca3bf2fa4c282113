import { addDays } from '../aggregates/keys';

/** India has one time zone and no daylight saving: a day is 24 hours from 18:30 UTC the evening before. */
const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;

/** Indian midnight at the start of `day` (YYYY-MM-DD), as an instant. */
export function indianDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - IST_OFFSET_MS);
}

/** The day's bounds: from its Indian midnight to the next. */
export function indianDayBounds(day: string): { from: Date; to: Date } {
  return { from: indianDayStart(day), to: indianDayStart(addDays(day, 1)) };
}

/** The Indian calendar day an instant falls in. */
export function indianDayOf(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The days whose digests are due at `now`, oldest first: the `lookbackDays` Indian days before
 * today, each once it has been over for `delayMs` (late events of the day get that long to arrive),
 * and none before `since`, the day the digests were first run (the deployment: the aggregates of
 * earlier days may be partial). Never older: a service down for a week does not publish the past.
 */
export function dueDays(now: Date, lookbackDays: number, delayMs: number, since?: string): string[] {
  const latest = addDays(indianDayOf(new Date(now.getTime() - delayMs)), -1);
  const days: string[] = [];
  for (let back = lookbackDays - 1; back >= 0; back--) days.push(addDays(latest, -back));
  return since === undefined ? days : days.filter((day) => day >= since);
}
