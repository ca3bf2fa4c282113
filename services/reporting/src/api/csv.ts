/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula — starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return — gets a leading `'`, so an export opened in Excel or
 * LibreOffice never executes what a worker or an integrator typed.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
