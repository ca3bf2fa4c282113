import type { ReportReceived } from '@cc/contracts';

export const UNKNOWN_UNIT = 'unknown';
const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;

/** The calendar day in India of an instant: reports are counted by the day the worker lived it. */
export function indianDay(instant: string): string {
  return new Date(new Date(instant).getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

export function unitOf(report: Pick<ReportReceived, 'declaredUnitCode'>): string {
  return report.declaredUnitCode ?? UNKNOWN_UNIT;
}
