/** A fixed-width two-column table, as the suite prints its summary. */
export function summaryTable(title: string, rows: ReadonlyArray<readonly [string, string | number]>): string {
  const left = Math.max(...rows.map(([label]) => label.length), title.length);
  const right = Math.max(...rows.map(([, value]) => String(value).length), 5);
  const rule = `+${'-'.repeat(left + 2)}+${'-'.repeat(right + 2)}+`;
  return [
    rule,
    `| ${title.padEnd(left + right + 3)} |`,
    rule,
    ...rows.map(([label, value]) => `| ${label.padEnd(left)} | ${String(value).padStart(right)} |`),
    rule,
  ].join('\n');
}
