import { type ReportAttributed, caseIdSchema, caseReferenceSchema, type CaseEvent } from '@cc/contracts';
import type { AttachmentRef, Case, CaseSubject, Reporter, UnitRef } from '../cases/case';
import { caseEvent, deskAudience, recipientsFor } from '../cases/case-notices';
import { exclusionsFor, refreshGuard, resolveSubject } from '../guard/exclusions';
import type { CaseContext } from '../cases/case-context';
import type { OrgUnitRef, OrgView } from '../org/org-view';
import type { RecognisedComplaint } from '../recognition/recognise-complaint';
import { route, type Routed, type RoutingCode } from '../routing/route';
import { withTimers } from '../sla/deadlines';
import { reject, type Rejection } from '../shared/rejection';

export interface OpenCaseInput {
  /** Given by the caller (derived from the report id), so a redelivered report opens no second case. */
  readonly caseId: string;
  readonly reference: string;
  readonly report: ReportAttributed;
  readonly recognition: RecognisedComplaint;
  readonly at: Date;
}

export type OpenCaseCode = 'CASE.INVALID_ID' | 'CASE.UNKNOWN_UNIT' | RoutingCode;

/**
 * A complaint becomes a case: its subject resolved as of the moment it was made, the guard
 * computed, a desk chosen by the rules, clocks started, and an `opened` event for the desk, the
 * reporter (who is given the reference) and the feeds the rule names.
 */
export function openCase(input: OpenCaseInput, ctx: CaseContext): { ok: true; case: Case; events: CaseEvent[]; routed: Routed } | Rejection<OpenCaseCode> {
  const { caseId, reference, report, recognition, at } = input;
  if (!caseIdSchema.safeParse(caseId).success || !caseReferenceSchema.safeParse(reference).success) {
    return reject('CASE.INVALID_ID', `"${caseId}" / "${reference}" is not a valid case id and reference`);
  }
  const reporterUnit = placeOf(report, ctx.org);
  if (!reporterUnit) return reject('CASE.UNKNOWN_UNIT', `none of ${report.attribution.unitPath.join(', ')} is a known unit`);
  const reportedAt = new Date(report.receivedAt);
  const subject = resolveSubject(recognition.subject, reporterUnit.code, ctx.org, ctx.posts, reportedAt);
  const named = exclusionsFor({ subject, named: recognition.namedOfficeBearers, reporterUnitCode: reporterUnit.code, at: reportedAt }, ctx.org, ctx.posts);
  const guard = refreshGuard(named, ctx.posts, at);
  const partyUnit = unitRef(concernedUnit(subject, reporterUnit, ctx.org));
  const governmentUnit = subject.kind === 'government-office' ? ctx.org.ancestorAt(reporterUnit.code, 'block') : undefined;

  const routed = route({ category: recognition.category, subject, partyUnit, guard }, ctx.ruleSet, ctx.org, ctx.posts, at);
  if (!routed.ok) return routed;

  const reporter: Reporter = {
    pseudonym: 'R1',
    senderKey: report.senderKey,
    ...(report.attribution.memberId ? { memberId: report.attribution.memberId } : {}),
    trust: report.attribution.trust,
    unitCode: reporterUnit.code,
    channel: report.channel,
    language: report.language,
  };
  const skipped = routed.skipped.map(({ unitCode, why }) => `${unitCode} skipped (${why})`);
  const recognised = `recognised (${recognition.via}: ${recognition.cues.slice(0, 6).join(', ') || 'no cue'})`;
  const reason = [recognised, `rule ${routed.rule.id} of rule set v${ctx.ruleSet.version}`, ...skipped].join('; ');
  const opened = withTimers(
    {
      id: caseId,
      reference,
      status: 'open',
      category: recognition.category,
      severity: recognition.severity,
      subject,
      ...(recognition.subjectText ? { subjectText: recognition.subjectText } : {}),
      partyUnit,
      ...(governmentUnit ? { governmentUnitCode: governmentUnit.code } : {}),
      recognisedVia: recognition.via,
      reports: [{ reportId: report.reportId, reporter: 'R1', receivedAt: reportedAt, channel: report.channel, text: report.text }],
      reporters: [reporter],
      reporterCount: 1,
      handler: routed.handler,
      escalations: [],
      feeds: routed.feeds,
      guard,
      openedAt: at,
      clockStartedAt: at,
      timers: {},
      mergedFrom: [],
      comments: [],
      attachments: attachmentsOf(report, at),
      audit: [{ at, actor: 'system', action: 'open', from: null, to: 'open', reason, version: 1 }],
      version: 1,
    },
    ctx.policy,
  );
  const notify = recipientsFor(opened, { ...deskAudience(opened), reporters: true, feeds: opened.feeds });
  const event = caseEvent(opened, 'opened', 'system', notify, {
    recognisedVia: recognition.via,
    subjectKind: subject.kind,
    reporterCount: 1,
    ...(governmentUnit ? { governmentUnitCode: governmentUnit.code } : {}),
  });
  return { ok: true, case: opened, events: [event], routed };
}

/** The reporter's unit, or the nearest known one above it when the read model lags behind membership. */
function placeOf(report: ReportAttributed, org: OrgView): OrgUnitRef | undefined {
  const known = [report.attribution.unitCode, ...[...report.attribution.unitPath].reverse()].map((code) => org.get(code));
  return known.find((unit) => unit !== undefined);
}

/** The named office-bearer's unit when the report says which; otherwise the reporter's. */
function concernedUnit(subject: CaseSubject, reporterUnit: OrgUnitRef, org: OrgView): OrgUnitRef {
  if (subject.kind === 'office-bearer' && subject.certain && subject.unitCodes.length === 1) return org.get(subject.unitCodes[0]) ?? reporterUnit;
  return reporterUnit;
}

function unitRef(unit: OrgUnitRef): UnitRef {
  return { code: unit.code, level: unit.level, path: unit.path };
}

function attachmentsOf(report: ReportAttributed, at: Date): AttachmentRef[] {
  return report.media.flatMap((media, index) => {
    const url = media.url?.startsWith('https://') ? media.url : undefined;
    if (!media.providerMediaId && !url) return [];
    return [
      {
        id: `${report.reportId}/${index + 1}`,
        type: media.type,
        ...(media.providerMediaId ? { providerMediaId: media.providerMediaId } : {}),
        ...(url ? { url } : {}),
        ...(media.mimeType ? { mimeType: media.mimeType } : {}),
        ...(media.sha256 ? { sha256: media.sha256 } : {}),
        addedBy: 'reporter:R1',
        addedAt: at,
      },
    ];
  });
}
