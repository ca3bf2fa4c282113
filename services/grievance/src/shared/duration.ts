/** Durations are plain milliseconds: they add to instants without a library and survive JSON. */
export type Millis = number;

export const MINUTE: Millis = 60_000;
export const HOUR: Millis = 60 * MINUTE;
export const DAY: Millis = 24 * HOUR;

export const minutes = (n: number): Millis => n * MINUTE;
export const hours = (n: number): Millis => n * HOUR;
export const days = (n: number): Millis => n * DAY;

export function after(at: Date, duration: Millis): Date {
  return new Date(at.getTime() + duration);
}

/** "2 days 4 hours", for reasons people read; minutes only below an hour. */
export function describeDuration(duration: Millis): string {
  const whole = Math.max(0, Math.round(duration / MINUTE));
  const d = Math.floor(whole / (24 * 60));
  const h = Math.floor((whole % (24 * 60)) / 60);
  const m = whole % 60;
  const parts = [plural(d, 'day'), plural(h, 'hour'), d === 0 && h === 0 ? plural(m, 'minute') : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 minutes';
}

function plural(n: number, unit: string): string {
  return n === 0 ? '' : `${n} ${unit}${n === 1 ? '' : 's'}`;
}
