import type { CaseEvent, CaseEventType, DeskRef, PostKind, ReportReceived } from '@cc/contracts';
import type { Notice, NoticeFacts } from './notice';

interface CaseNoticeRule {
  /** What the case's reporters (notify.reporters) are told. */
  reporters?: string;
  /** What office-bearers (notify.memberIds) are told, and which of them. */
  members?: { templateKey: string; who: 'all' | 'assignee' | 'holders-of-new-desk' };
}

/**
 * Which notice each case event gives, and to whom, within the `notify` block grievance filtered
 * through its conflict-of-interest guard: a recipient may be left out here, never added.
 *
 * - opened: the reporter already has the report's acknowledgement; the desk's office-bearers get
 *   the case in their queue.
 * - assigned: the reporter hears who handles it; only the assignee is told it is theirs.
 * - escalated: the reporter hears where it went; of those told, the holders of the desk it went to
 *   get it as theirs (the previous handler, also in `notify`, has no template that fits).
 * - reopened: back in the desk's queue.
 * - acknowledged, merged, closed: nobody; the reporter's next notice is the outcome.
 *
 * Grievance emits no deadline-approaching or deadline-breached event; `deadline-*` templates
 * wait for one.
 */
export const CASE_NOTICE_RULES: Readonly<Record<CaseEventType, CaseNoticeRule>> = {
  opened: { members: { templateKey: 'case-new-in-queue', who: 'all' } },
  acknowledged: {},
  assigned: { reporters: 'case-assigned', members: { templateKey: 'case-new-in-queue', who: 'assignee' } },
  escalated: { reporters: 'case-escalated', members: { templateKey: 'case-escalated-to-you', who: 'holders-of-new-desk' } },
  resolved: { reporters: 'case-resolved' },
  reopened: { members: { templateKey: 'case-new-in-queue', who: 'all' } },
  merged: {},
  closed: {},
};

export interface CurrentPost {
  unitCode: string;
  post: PostKind;
}

/**
 * The notices one case event gives. `postsOf` says which posts a member holds now (from the member
 * directory), for events that go only to the holders of a desk.
 */
export function caseNotices(event: CaseEvent, postsOf: (memberId: string) => readonly CurrentPost[] | undefined): Notice[] {
  const rule = CASE_NOTICE_RULES[event.type];
  const facts = caseFacts(event);
  const notices: Notice[] = [];
  if (rule.reporters) {
    for (const senderKey of event.notify.reporters) notices.push({ templateKey: rule.reporters, recipient: { kind: 'reporter', senderKey }, facts });
  }
  if (rule.members) {
    const { templateKey, who } = rule.members;
    for (const memberId of event.notify.memberIds) {
      if (who === 'assignee' && !(event.type === 'assigned' && event.assigneeId === memberId)) continue;
      if (who === 'holders-of-new-desk' && !(event.type === 'escalated' && holds(postsOf(memberId), event.to))) continue;
      notices.push({ templateKey, recipient: { kind: 'member', memberId }, facts });
    }
  }
  return notices;
}

function caseFacts(event: CaseEvent): NoticeFacts {
  return {
    reference: event.reference,
    category: event.category,
    unitCode: event.partyUnitCode,
    desk: event.type === 'escalated' ? event.to : event.desk,
    ...(event.type === 'escalated' ? { fromUnitCode: event.from.unitCode } : {}),
    ...deadlineOf(event),
  };
}

/** The desk's deadline, once grievance's events carry one (the contract has no `dueAt` yet). */
function deadlineOf(event: CaseEvent): { dueAt?: string } {
  return 'dueAt' in event && typeof event.dueAt === 'string' ? { dueAt: event.dueAt } : {};
}

function holds(posts: readonly CurrentPost[] | undefined, desk: DeskRef): boolean {
  return desk.kind === 'post' && (posts ?? []).some((each) => each.unitCode === desk.unitCode && each.post === desk.post);
}

/**
 * What a worker quotes for a report: `R-` and the first 12 hex digits of the report id (a UUID is
 * longer than a DLT variable's 30 characters). Intake finds the report by that prefix; a complaint
 * gets its case reference (`JH-2026-…`) with the case's own notices.
 */
export function reportReferenceOf(reportId: string): string {
  return `R-${reportId.replaceAll('-', '').slice(0, 12).toUpperCase()}`;
}

/** Every report is acknowledged to its sender, on the channel it came on. */
export function reportNotice(report: ReportReceived): Notice {
  return {
    templateKey: 'report-acknowledged',
    recipient: { kind: 'reporter', senderKey: report.senderKey },
    facts: { reference: reportReferenceOf(report.reportId) },
    preferredChannel: report.channel,
  };
}
