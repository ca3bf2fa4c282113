/**
 * Whether an event is recent enough to tell anyone about. Notices are for now: replaying a month
 * of reports (a new consumer group starts at the beginning of the topics) or draining a long
 * outage must not send everyone acknowledgements and reminders of the past.
 */
export function isFresh(occurredAt: string, now: Date, maxAgeMs: number): boolean {
  const at = Date.parse(occurredAt);
  return Number.isFinite(at) && now.getTime() - at <= maxAgeMs;
}
