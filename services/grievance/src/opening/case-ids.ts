import { createHash } from 'node:crypto';
import type { ReportAttributed } from '@cc/contracts';

/**
 * The case a report opens is named after the report, so a redelivered report finds its case
 * already there: `case_` and 24 characters of the report id's SHA-256 (base64url).
 */
export function caseIdFor(reportId: string): string {
  return `case_${createHash('sha256').update(reportId).digest('base64url').slice(0, 24)}`;
}

/**
 * What the reporter quotes: the reporter's state, the year it was received and 10 hex digits of
 * the report id's hash, `JH-2026-7F3A9C21E4`. Derived, not counted, so every replica gives the
 * same report the same reference without a shared counter.
 */
export function referenceFor(report: Pick<ReportAttributed, 'reportId' | 'receivedAt' | 'attribution'>): string {
  const state = (report.attribution.unitPath[1] ?? report.attribution.unitPath[0] ?? 'IN').replace(/[^A-Z0-9]/g, '').slice(0, 8) || 'IN';
  const year = new Date(report.receivedAt).getUTCFullYear();
  const digest = createHash('sha256').update(report.reportId).digest('hex').slice(0, 10).toUpperCase();
  return `${state}-${year}-${digest}`;
}
