import type { CaseEvent } from '@cc/contracts';
import { maxSeverity } from '../recognition/severity';
import { withTimers } from '../sla/deadlines';
import type { SlaPolicy } from '../sla/sla-policy';
import { reject, type Rejection } from '../shared/rejection';
import { isActive, type AuditEntry, type Case, type CaseReport, type Reporter } from './case';
import { isCaseHolderExcluded, isMemberExcluded, unionGuards } from './case-guard';
import { caseEvent, deskAudience, recipientsFor } from './case-notices';

export type MergeCode =
  | 'CASE.MERGE_SAME_CASE'
  | 'CASE.MERGE_NOT_OPEN'
  | 'CASE.MERGE_CATEGORY_MISMATCH'
  | 'CASE.CONFLICT_OF_INTEREST'
  | 'CASE.ACTOR_NOT_ALLOWED';

export interface MergeResult {
  ok: true;
  target: Case;
  duplicate: Case;
  /** Which of the two must be written: a retried merge may have nothing left to do for one. */
  changed: { target: boolean; duplicate: boolean };
  events: { target: CaseEvent[]; duplicate: CaseEvent[] };
}

/**
 * Folds a duplicate into the case that stays. The target keeps every report and counts each
 * reporter once (by sender pseudonym); the duplicate is closed as merged with a pointer to the
 * target. Two documents change and there are no multi-document transactions, so the store writes
 * the target first and the duplicate second, and a merge retried after a crash in between finds
 * the target done (`mergedFrom`) and only closes the duplicate.
 */
export function mergeCases(target: Case, duplicate: Case, memberId: string, at: Date, policy: SlaPolicy): MergeResult | Rejection<MergeCode> {
  if (target.id === duplicate.id) return reject('CASE.MERGE_SAME_CASE', 'a case cannot be merged into itself');
  if (!memberId) return reject('CASE.ACTOR_NOT_ALLOWED', 'an office-bearer merges cases');
  if (isMemberExcluded(target.guard, memberId) || isMemberExcluded(duplicate.guard, memberId)) {
    return reject('CASE.CONFLICT_OF_INTEREST', 'one of the cases names the caller, who may not act on it');
  }
  const absorbed = target.mergedFrom.includes(duplicate.id);
  if (duplicate.mergedInto?.caseId === target.id && absorbed) {
    return { ok: true, target, duplicate, changed: { target: false, duplicate: false }, events: { target: [], duplicate: [] } };
  }
  if (!isActive(target.status)) return reject('CASE.MERGE_NOT_OPEN', `${target.reference} is ${target.status}; merge into a case still being handled`);
  if (!isActive(duplicate.status)) return reject('CASE.MERGE_NOT_OPEN', `${duplicate.reference} is ${duplicate.status} and cannot be merged`);
  if (target.category !== duplicate.category) {
    const about = `${target.reference} is about ${target.category} and ${duplicate.reference} about ${duplicate.category}`;
    return reject('CASE.MERGE_CATEGORY_MISMATCH', `${about}; duplicates share a category`);
  }
  const guard = unionGuards(target.guard, duplicate.guard);
  if (isCaseHolderExcluded(target, guard)) {
    const names = `${duplicate.reference} names someone at the desk handling ${target.reference}`;
    return reject('CASE.CONFLICT_OF_INTEREST', `${names}; merge the other way or reroute first`);
  }

  const newTarget = absorbed ? target : absorb(target, duplicate, guard, memberId, at, policy);
  const closed = closeAsMerged(duplicate, newTarget, memberId, at, policy);
  const newReporters = absorbed ? [] : newTarget.reporters.slice(target.reporters.length).map(({ senderKey }) => senderKey);
  return {
    ok: true,
    target: newTarget,
    duplicate: closed,
    changed: { target: !absorbed, duplicate: true },
    events: {
      target: absorbed
        ? []
        : [
            caseEvent(newTarget, 'merged', memberId, recipientsFor(newTarget, { ...deskAudience(newTarget), reporterKeys: newReporters }), {
              mergedCaseId: duplicate.id,
              mergedReference: duplicate.reference,
              reporterCount: newTarget.reporterCount,
            }),
          ],
      duplicate: [
        caseEvent(closed, 'closed', memberId, recipientsFor(closed, deskAudience(closed)), {
          closedAs: 'merged',
          mergedInto: { caseId: newTarget.id, reference: newTarget.reference },
        }),
      ],
    },
  };
}

function absorb(target: Case, duplicate: Case, guard: Case['guard'], memberId: string, at: Date, policy: SlaPolicy): Case {
  const reporters: Reporter[] = [...target.reporters];
  const pseudonymIn = new Map<string, string>();
  for (const reporter of duplicate.reporters) {
    let known = reporters.find(({ senderKey }) => senderKey === reporter.senderKey);
    if (!known) {
      known = { ...reporter, pseudonym: `R${reporters.length + 1}` };
      reporters.push(known);
    }
    pseudonymIn.set(reporter.pseudonym, known.pseudonym);
  }
  const knownReports = new Set(target.reports.map(({ reportId }) => reportId));
  const reports: CaseReport[] = [
    ...target.reports,
    ...duplicate.reports
      .filter(({ reportId }) => !knownReports.has(reportId))
      .map((report) => ({ ...report, reporter: pseudonymIn.get(report.reporter) ?? report.reporter })),
  ];
  const attachmentIds = new Set(target.attachments.map(({ id }) => id));
  const attachments = [
    ...target.attachments,
    ...duplicate.attachments.map((each) => (attachmentIds.has(each.id) ? { ...each, id: `${duplicate.id}/${each.id}` } : each)),
  ];
  const version = target.version + 1;
  const moreReporters = reporters.length - target.reporters.length;
  const entry: AuditEntry = {
    at,
    actor: memberId,
    action: 'absorb',
    from: target.status,
    to: target.status,
    reason: `merged ${duplicate.reference}: ${moreReporters} more reporter(s), ${reports.length - target.reports.length} more report(s)`,
    version,
  };
  return withTimers(
    {
      ...target,
      reports,
      reporters,
      reporterCount: reporters.length,
      attachments,
      severity: maxSeverity(target.severity, duplicate.severity),
      guard,
      mergedFrom: [...target.mergedFrom, duplicate.id],
      audit: [...target.audit, entry],
      version,
    },
    policy,
  );
}

function closeAsMerged(duplicate: Case, into: Case, memberId: string, at: Date, policy: SlaPolicy): Case {
  const version = duplicate.version + 1;
  const entry: AuditEntry = { at, actor: memberId, action: 'merge', from: duplicate.status, to: 'closed', reason: `merged into ${into.reference}`, version };
  return withTimers(
    {
      ...duplicate,
      status: 'closed',
      closedAs: 'merged',
      closedAt: at,
      mergedInto: { caseId: into.id, reference: into.reference },
      audit: [...duplicate.audit, entry],
      version,
    },
    policy,
  );
}
