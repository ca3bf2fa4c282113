import type { CaseEvent, CaseEventType, DeskRef, PostKind, ReportReceived } from '@cc/contracts';
import type { Notice, NoticeFacts } from './notice';

interface CaseNoticeRule {
  /** What the case's reporters (notify.reporters) are told. */
  reporters?: string;
  /** What office-bearers (notify.memberIds) are told, and which of them; a member gets the first rule that fits. */
  members?: ReadonlyArray<{ templateKey: string; who: 'all' | 'assignee' | 'holders-of-new-desk' | 'previous-desk-on-breach' }>;
}

/**
 * Which notice each case event gives, and to whom, within the `notify` block grievance filtered
 * through its conflict-of-interest guard: a recipient may be left out here, never added.
 *
 * - opened: the reporter already has the report's acknowledgement; the desk's office-bearers get
 *   the case in their queue.
 * - assigned: the reporter hears who handles it; only the assignee is told it is theirs.
 * - escalated: the reporter hears where it went; of those told, the holders of the desk it went to
 *   get it as theirs; when the SLA moved it (`missedDeadline`), the others told — the previous
 *   desk and assignee — hear that they missed the deadline.
 * - reopened: back in the desk's queue.
 * - acknowledged, merged, closed: nobody; the reporter's next notice is the outcome.
 *
 * - deadline-approaching: the desk's office-bearers and the assignee, once per deadline.
 */
export const CASE_NOTICE_RULES: Readonly<Record<CaseEventType, CaseNoticeRule>> = {
  opened: { members: [{ templateKey: 'case-new-in-queue', who: 'all' }] },
  acknowledged: {},
  assigned: { reporters: 'case-assigned', members: [{ templateKey: 'case-new-in-queue', who: 'assignee' }] },
  escalated: {
    reporters: 'case-escalated',
    members: [
      { templateKey: 'case-escalated-to-you', who: 'holders-of-new-desk' },
      { templateKey: 'deadline-breached', who: 'previous-desk-on-breach' },
    ],
  },
  resolved: { reporters: 'case-resolved' },
  reopened: { members: [{ templateKey: 'case-new-in-queue', who: 'all' }] },
  merged: {},
  closed: {},
  'deadline-approaching': { members: [{ templateKey: 'deadline-approaching', who: 'all' }] },
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
  for (const memberId of event.notify.memberIds) {
    const fitting = rule.members?.find(({ who }) => fits(who, event, memberId, postsOf));
    if (!fitting) continue;
    const breach = fitting.who === 'previous-desk-on-breach' && event.type === 'escalated' && event.missedDeadline;
    notices.push({ templateKey: fitting.templateKey, recipient: { kind: 'member', memberId }, facts: breach ? { ...facts, dueAt: breach } : facts });
  }
  return notices;
}

function fits(who: NonNullable<CaseNoticeRule['members']>[number]['who'], event: CaseEvent, memberId: string, postsOf: (memberId: string) => readonly CurrentPost[] | undefined): boolean {
  switch (who) {
    case 'all':
      return true;
    case 'assignee':
      return event.type === 'assigned' && event.assigneeId === memberId;
    case 'holders-of-new-desk':
      return event.type === 'escalated' && holds(postsOf(memberId), event.to);
    case 'previous-desk-on-breach':
      return event.type === 'escalated' && event.missedDeadline !== undefined && !holds(postsOf(memberId), event.to);
  }
}

function caseFacts(event: CaseEvent): NoticeFacts {
  return {
    reference: event.reference,
    category: event.category,
    unitCode: event.partyUnitCode,
    occurredAt: event.occurredAt,
    desk: event.type === 'escalated' ? event.to : event.desk,
    ...(event.type === 'escalated' ? { fromUnitCode: event.from.unitCode } : {}),
    ...deadlineOf(event),
  };
}

/** The handling desk's deadline after the event (absent once the case is resolved or closed). */
function deadlineOf(event: CaseEvent): { dueAt?: string } {
  return event.dueAt ? { dueAt: event.dueAt } : {};
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
