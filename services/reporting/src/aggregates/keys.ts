/**
 * How aggregate documents and their fields are named. A unit code may hold a `.`, which a Mongo
 * field path would read as nesting; `~` is not allowed in a code, so it stands in for it.
 */
export const fieldKey = (code: string): string => code.replaceAll('.', '~');
export const codeOfKey = (key: string): string => key.replaceAll('~', '.');

export type RollupKind = 'r' | 'c';

/** `<kind>|<unit>|<YYYY-MM>`: one unit's month, summed over the partitions that wrote it. */
export function cellId(kind: RollupKind, unitCode: string, month: string): string {
  return `${kind}|${unitCode}|${month}`;
}

/** The stored document: a cell as one partition's consumer wrote it (its single writer). */
export function rollupId(cell: string, partition: number): string {
  return `${cell}|p${partition}`;
}

export function parseRollupId(id: string): { kind: RollupKind; unitCode: string; month: string; partition: number; cell: string } {
  const [kind, unitCode, month, p] = id.split('|') as [RollupKind, string, string, string];
  return { kind, unitCode, month, partition: Number(p.slice(1)), cell: cellId(kind, unitCode, month) };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every calendar day from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export function monthsBetween(from: string, to: string): string[] {
  return [...new Set(daysBetween(from, to).map((day) => day.slice(0, 7)))];
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
