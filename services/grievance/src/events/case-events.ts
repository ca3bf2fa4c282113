import { z } from 'zod';
import { ComplaintCategories, memberIdSchema, PostKinds, UnitLevels, unitCodeSchema } from '@cc/contracts';

/**
 * The case events grievance publishes through its outbox, keyed by case id so that one case's
 * events stay in order. Written to move into libs/contracts unchanged. What they never carry:
 * a phone number, a name, the complaint's text or anyone's free text (a person's note may hold a
 * number); the reporter appears only as the sender pseudonym (`senderKey`) notification needs to
 * answer on the same channel. Every event says who must be told, already filtered by the
 * conflict-of-interest guard, so notification never has to know who was accused.
 */

export const CaseEventTypes = ['opened', 'acknowledged', 'assigned', 'escalated', 'resolved', 'reopened', 'merged', 'closed'] as const;
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
  from: deskSchema,
  to: deskSchema,
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
