import { cellId, fieldKey } from './keys';
import { addTo, type Increments } from './increments';

/** What a report counts for: where it was placed, when (Indian day), by which channel, and the complaint category its reporter chose. */
export interface CountedReport {
  unitPath: readonly string[];
  day: string;
  channel: string;
  /** The declared complaint category, or `none`. */
  category: string;
}

/**
 * A report adds one to the day of every unit on its path (national down to where it was placed),
 * by channel and category, and to the day of the next unit down in each of those: the children
 * breakdown that ranks districts in a state or blocks in a district without reading the children.
 *
 * Report cell fields: `d.<DD>.n`, `d.<DD>.ch.<channel>`, `d.<DD>.cat.<category>`,
 * `d.<DD>.k.<child>.n`, `d.<DD>.k.<child>.ch.<channel>`.
 */
export function reportIncrements(report: CountedReport, into: Increments = new Map()): Increments {
  const month = report.day.slice(0, 7);
  const dd = report.day.slice(8, 10);
  report.unitPath.forEach((unitCode, index) => {
    const cell = cellId('r', unitCode, month);
    addTo(into, cell, `d.${dd}.n`);
    addTo(into, cell, `d.${dd}.ch.${report.channel}`);
    addTo(into, cell, `d.${dd}.cat.${report.category}`);
    const child = report.unitPath[index + 1];
    if (child !== undefined) {
      addTo(into, cell, `d.${dd}.k.${fieldKey(child)}.n`);
      addTo(into, cell, `d.${dd}.k.${fieldKey(child)}.ch.${report.channel}`);
    }
  });
  return into;
}
