import { z } from 'zod';
import { defineEvent, type EventDefinition } from '../event-definition';
import { Topics } from '../topics';
import { memberIdSchema, PostKinds } from './member.event';
import { UnitLevels } from './org-unit.event';
import { ComplaintCategories, unitCodeSchema } from './report-content';

/**
 * The case events grievance publishes through its outbox on `cc.grievance.case-events.v1`, keyed by
 * case id so that one case's events stay in order. One event definition per case event type (one
 * CloudEvents `type` each, `org.connectcenter.grievance.case.<type>.v1`), all on the one topic; the
 * data also carries `type`, so `caseEventSchema` (the union) reads any of them. What they never carry:
 * a phone number, a name, the complaint's text or anyone's free text (a person's note may hold a
 * number); the reporter appears only as the sender pseudonym (`senderKey`) notification needs to
 * answer on the same channel. Every event says who must be told, already filtered by the
 * conflict-of-interest guard, so notification never has to know who was accused.
 */

export const CaseEventTypes = ['opened', 'acknowledged', 'assigned', 'escalated', 'resolved', 'reopened', 'merged', 'closed', 'deadline-approaching'] as const;
export type CaseEventType = (typeof CaseEventTypes)[number];

/** CloudEvents `type` of each event, named as the contracts library names the others. */
export const CASE_EVENT_CLOUD_TYPES = Object.fromEntries(
  CaseEventTypes.map((type) => [type, `org.connectcenter.grievance.case.${type}.v1`]),
) as Record<CaseEventType, string>;

export const CaseSeverities = ['normal', 'high', 'critical'] as const;
/** Desks held through a role at the HQ rather than a committee post. */
export const DeskRoles = ['state-hq', 'aicc-admin'] as const;
/** The HQ feeds reporting builds; a case reaches them by a routing rule or by escalation. */
export const Feeds = ['state', 'national'] as const;
export const EscalationReasons = ['acknowledge-overdue', 'resolve-overdue', 'ceiling', 'manual', 'appeal'] as const;
export const ResolutionOutcomes = ['actioned', 'referred', 'not-actionable', 'not-a-complaint'] as const;
export const ClosedAsValues = ['resolved', 'withdrawn', 'merged'] as const;
export const RecognisedVia = ['declared', 'keyword'] as const;
export const SubjectKinds = ['office-bearer', 'member', 'government-office', 'none'] as const;

export const caseIdSchema = z.string().regex(/^case_[A-Za-z0-9_-]{8,64}$/, 'a case id: case_ and 8-64 letters, digits, _ or -');
/** What the reporter is given to quote: `JH-2026-000123`. */
export const caseReferenceSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{3,31}$/, 'a reference: 4-32 capital letters, digits or -');
/** A sender pseudonym as libs/identity computes it (`snd_` and a hash), so never a phone number. */
export const senderKeySchema = z.string().regex(/^snd_[A-Za-z0-9_-]{8,124}$/, 'a sender pseudonym (snd_…), never a phone number');
/** `system`, a member id, or a reporter by their pseudonym within the case (`reporter:R2`). */
export const actorRefSchema = z.union([z.literal('system'), memberIdSchema, z.string().regex(/^reporter:R\d{1,4}$/)]);

const isoInstant = z.iso.datetime({ offset: true });

export const deskSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('post'), unitCode: unitCodeSchema, level: z.enum(UnitLevels), post: z.enum(PostKinds) }),
  z.strictObject({ kind: z.literal('role'), unitCode: unitCodeSchema, level: z.enum(UnitLevels), role: z.enum(DeskRoles) }),
]);

export const recipientsSchema = z.strictObject({
  /** Office-bearers to tell, by member id: holders of a desk, a previous handler, an assignee. */
  memberIds: z.array(memberIdSchema).max(50),
  /** Role desks to tell (a state HQ, AICC): notification reaches whoever staffs them. */
  desks: z.array(deskSchema).max(10),
  /** Reporters to tell, by sender pseudonym. */
  reporters: z.array(senderKeySchema).max(500),
  feeds: z.array(z.enum(Feeds)).max(2),
});

const base = {
  /** `<caseId>:<version>:<type>`: the same change always yields the same id, so relaying twice is harmless. */
  eventId: z.string().min(1).max(200),
  caseId: caseIdSchema,
  reference: caseReferenceSchema,
  /** The case version this event brought about. */
  version: z.number().int().positive(),
  occurredAt: isoInstant,
  category: z.enum(ComplaintCategories),
  severity: z.enum(CaseSeverities),
  partyUnitCode: unitCodeSchema,
  partyUnitPath: z.array(unitCodeSchema).min(1).max(8),
  /** Who handles the case after this event. */
  desk: deskSchema,
  /**
   * The handling desk's deadline after this event: to acknowledge while the case is open, else
   * to resolve it. Absent once the case is resolved or closed.
   */
  dueAt: isoInstant.optional(),
  actor: actorRefSchema,
  notify: recipientsSchema,
};

export const caseOpenedSchema = z.strictObject({
  ...base,
  type: z.literal('opened'),
  recognisedVia: z.enum(RecognisedVia),
  subjectKind: z.enum(SubjectKinds),
  /** The block or circle whose BDO or CO is complained about. */
  governmentUnitCode: unitCodeSchema.optional(),
  reporterCount: z.number().int().positive(),
});

export const caseAcknowledgedSchema = z.strictObject({ ...base, type: z.literal('acknowledged') });

export const caseAssignedSchema = z.strictObject({ ...base, type: z.literal('assigned'), assigneeId: memberIdSchema });

export const caseEscalatedSchema = z.strictObject({
  ...base,
  type: z.literal('escalated'),
  reason: z.enum(EscalationReasons),
  /** The deadline the previous desk missed, when the SLA moved the case (not for `manual` or `appeal`). */
  missedDeadline: isoInstant.optional(),
  from: deskSchema,
  to: deskSchema,
});

/** The desk's deadline (`dueAt`) is near and the case still waits for it: the desk is reminded, once per deadline. */
export const caseDeadlineApproachingSchema = z.strictObject({
  ...base,
  type: z.literal('deadline-approaching'),
  /** Which deadline: to acknowledge an open case, or to resolve an active one. */
  deadline: z.enum(['acknowledge', 'resolve']),
});

export const caseResolvedSchema = z.strictObject({ ...base, type: z.literal('resolved'), outcome: z.enum(ResolutionOutcomes) });

export const caseReopenedSchema = z.strictObject({ ...base, type: z.literal('reopened'), appeal: z.boolean() });

export const caseMergedSchema = z.strictObject({
  ...base,
  type: z.literal('merged'),
  /** The duplicate this case absorbed; it is closed with a pointer here. */
  mergedCaseId: caseIdSchema,
  mergedReference: caseReferenceSchema,
  reporterCount: z.number().int().positive(),
});

export const caseClosedSchema = z.strictObject({
  ...base,
  type: z.literal('closed'),
  closedAs: z.enum(ClosedAsValues),
  mergedInto: z.strictObject({ caseId: caseIdSchema, reference: caseReferenceSchema }).optional(),
});

export const caseEventSchema = z.discriminatedUnion('type', [
  caseOpenedSchema,
  caseAcknowledgedSchema,
  caseAssignedSchema,
  caseEscalatedSchema,
  caseResolvedSchema,
  caseReopenedSchema,
  caseMergedSchema,
  caseClosedSchema,
  caseDeadlineApproachingSchema,
]);

export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
export type DeskRef = z.infer<typeof deskSchema>;
export type Recipients = z.infer<typeof recipientsSchema>;
export type DeskRole = (typeof DeskRoles)[number];
export type Feed = (typeof Feeds)[number];
export type EscalationReason = (typeof EscalationReasons)[number];
export type ResolutionOutcome = (typeof ResolutionOutcomes)[number];
export type ClosedAs = (typeof ClosedAsValues)[number];
export type SubjectKind = (typeof SubjectKinds)[number];

type Example<T extends CaseEventType> = CaseEventOf<T>;

const STATE_HQ: DeskRef = { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' };
const DISTRICT_CELL: DeskRef = { kind: 'post', unitCode: 'JH-RAN', level: 'district', post: 'grievance-convenor' };
const CONVENOR = 'mbr_4f7d2c9a1b3e5d6f';

/** What every example shares: the same BDO complaint from Kanke, through its life. */
function exampleBase(version: number, type: CaseEventType) {
  return {
    eventId: `case_rpt-7f3a9c21e4b5:${version}:${type}`,
    caseId: 'case_rpt-7f3a9c21e4b5',
    reference: 'JH-2026-7F3A9C21',
    version,
    occurredAt: '2026-11-26T04:00:00.000Z',
    category: 'bdo-conduct' as const,
    severity: 'high' as const,
    partyUnitCode: 'JH-RAN-KANKE',
    partyUnitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
    desk: DISTRICT_CELL,
    dueAt: '2026-11-27T04:00:00.000Z',
    actor: CONVENOR,
    notify: { memberIds: [CONVENOR], desks: [], reporters: ['snd_7a4c1e9b2d3f5a6c'], feeds: ['state' as const] },
  };
}

function caseEventDefinition<T extends CaseEventType, S extends z.ZodType<Example<T>>>(type: T, schema: S, description: string, example: z.infer<S>) {
  return defineEvent({
    type: CASE_EVENT_CLOUD_TYPES[type],
    version: 1,
    topic: Topics.CaseEvents,
    schema,
    key: (event) => (event as CaseEvent).caseId,
    subject: (event) => (event as CaseEvent).caseId,
    description,
    example,
  });
}

export const CaseOpenedEvent = caseEventDefinition(
  'opened',
  caseOpenedSchema,
  'A complaint became a case: routed to a desk, its clocks started; the desk, the reporter (given the reference) and the feeds the rule names are told.',
  { ...exampleBase(1, 'opened'), actor: 'system', type: 'opened', recognisedVia: 'keyword', subjectKind: 'government-office', governmentUnitCode: 'JH-RAN-KANKE', reporterCount: 1 },
);
export const CaseAcknowledgedEvent = caseEventDefinition('acknowledged', caseAcknowledgedSchema, 'The handling desk acknowledged the case.', {
  ...exampleBase(2, 'acknowledged'),
  type: 'acknowledged',
});
export const CaseAssignedEvent = caseEventDefinition('assigned', caseAssignedSchema, 'The desk assigned the case to one of its office-bearers.', {
  ...exampleBase(3, 'assigned'),
  type: 'assigned',
  assigneeId: 'mbr_9a8b7c6d5e4f3a2b',
});
export const CaseEscalatedEvent = caseEventDefinition(
  'escalated',
  caseEscalatedSchema,
  'The case moved one desk up (SLA overdue, the ceiling, by hand, or an appeal); the new desk must acknowledge it in its turn.',
  {
    ...exampleBase(2, 'escalated'),
    actor: 'system',
    type: 'escalated',
    desk: STATE_HQ,
    reason: 'acknowledge-overdue',
    missedDeadline: '2026-11-26T16:00:00.000Z',
    from: DISTRICT_CELL,
    to: STATE_HQ,
    notify: { memberIds: [CONVENOR], desks: [STATE_HQ], reporters: ['snd_7a4c1e9b2d3f5a6c'], feeds: ['state'] },
  },
);
export const CaseResolvedEvent = caseEventDefinition('resolved', caseResolvedSchema, 'The desk resolved the case with an outcome code; the reporter may reopen or appeal it within the window.', {
  ...exampleBase(4, 'resolved'),
  type: 'resolved',
  outcome: 'actioned',
});
export const CaseReopenedEvent = caseEventDefinition('reopened', caseReopenedSchema, 'The reporter reopened the case, or appealed it to the desk above.', {
  ...exampleBase(5, 'reopened'),
  actor: 'reporter:R1',
  type: 'reopened',
  appeal: false,
});
export const CaseMergedEvent = caseEventDefinition('merged', caseMergedSchema, 'The case absorbed a duplicate, which is closed with a pointer here.', {
  ...exampleBase(3, 'merged'),
  type: 'merged',
  mergedCaseId: 'case_rpt-0b1c2d3e4f5a',
  mergedReference: 'JH-2026-0B1C2D3E',
  reporterCount: 2,
});
export const CaseClosedEvent = caseEventDefinition(
  'closed',
  caseClosedSchema,
  'The case closed: resolved and confirmed (or the reopen window passed), withdrawn by the reporter, or merged into another.',
  { ...exampleBase(6, 'closed'), actor: 'system', type: 'closed', closedAs: 'resolved' },
);

export const CaseDeadlineApproachingEvent = caseEventDefinition(
  'deadline-approaching',
  caseDeadlineApproachingSchema,
  'The desk’s deadline (dueAt) is near and the case still waits: the desk’s office-bearers and the assignee are reminded, once per deadline.',
  { ...exampleBase(3, 'deadline-approaching'), actor: 'system', type: 'deadline-approaching', deadline: 'acknowledge', notify: { memberIds: [CONVENOR], desks: [], reporters: [], feeds: [] } },
);

/** The definition to publish a case event with, by its `type`. */
export const CASE_EVENT_DEFINITIONS: Readonly<Record<CaseEventType, EventDefinition>> = {
  opened: CaseOpenedEvent,
  acknowledged: CaseAcknowledgedEvent,
  assigned: CaseAssignedEvent,
  escalated: CaseEscalatedEvent,
  resolved: CaseResolvedEvent,
  reopened: CaseReopenedEvent,
  merged: CaseMergedEvent,
  closed: CaseClosedEvent,
  'deadline-approaching': CaseDeadlineApproachingEvent,
};

export const CASE_EVENTS: readonly EventDefinition[] = Object.values(CASE_EVENT_DEFINITIONS);
