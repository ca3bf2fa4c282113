import { z } from 'zod';
import { defineEvent, type EventDefinition } from '../event-definition';
import { FEED_STATE_CODES, STATE_FEED_TOPICS, type StateFeedTopic, Topics } from '../topics';
import {
  caseAcknowledgedSchema,
  caseAssignedSchema,
  caseClosedSchema,
  caseDeadlineApproachingSchema,
  caseEscalatedSchema,
  caseMergedSchema,
  caseOpenedSchema,
  caseReopenedSchema,
  caseResolvedSchema,
} from './case.event';
import { PostKinds } from './member.event';
import { TrustLevels, UnitSources } from './report-attributed.event';
import { ComplaintCategories, unitCodeSchema } from './report-content';
import { Channels, Languages, MessageKinds, Scripts } from './report-received.event';

/**
 * The HQ feeds reporting produces: one topic per state HQ and one for AICC, each record plain JSON
 * (CloudEvents binary mode, like every topic). Redacted for people outside the services: no phone
 * number (free text has anything phone-like removed), no sender pseudonym, no member id — members
 * appear as `mbrp_…`, a keyed pseudonym that differs from feed to feed — and for a report that may
 * be a complaint about an office-bearer, no reporter at all. Delivery is at least once: a record
 * delivered again has the same `recordId` (also its `ce_id`), which consumers deduplicate on.
 */

export const AICC_FEED = 'AICC' as const;
/** The feed a record is on: a state's code, or `AICC`. */
export const feedIdSchema = z.union([z.enum(FEED_STATE_CODES), z.literal(AICC_FEED)]);
export type FeedId = z.infer<typeof feedIdSchema>;

/** Derived from the feed and the source event's id: the same source event always gives the same record. */
export const feedRecordIdSchema = z.string().regex(/^fr_[A-Za-z0-9_-]{22,64}$/, 'a feed record id: fr_ and 22-64 letters, digits, _ or -');
/** A member as one feed knows them: the same member has another pseudonym on another feed. */
export const memberRefSchema = z.string().regex(/^mbrp_[A-Za-z0-9_-]{16,64}$/, 'a member pseudonym of this feed (mbrp_…), never a member id');

const isoInstant = z.iso.datetime({ offset: true });

export const WithheldReasons = ['may-concern-office-bearer'] as const;

export const feedReporterSchema = z.discriminatedUnion('shown', [
  z.strictObject({
    shown: z.literal(true),
    /** Absent for a sender who is not a member. */
    memberRef: memberRefSchema.optional(),
    trust: z.enum(TrustLevels),
    posts: z.array(z.strictObject({ unitCode: unitCodeSchema, post: z.enum(PostKinds) })).max(20),
  }),
  z.strictObject({ shown: z.literal(false), trust: z.enum(TrustLevels), reason: z.enum(WithheldReasons) }),
]);

export const feedReportSchema = z.strictObject({
  recordId: feedRecordIdSchema,
  feed: feedIdSchema,
  kind: z.literal('report'),
  /** Only with the reporter shown: grievance derives a complaint's case from it. */
  reportId: z.uuid().optional(),
  receivedAt: isoInstant,
  attributedAt: isoInstant,
  channel: z.enum(Channels),
  messageKind: z.enum(MessageKinds),
  script: z.enum(Scripts),
  language: z.enum(Languages),
  /** As sent, with anything phone-like replaced by `[number removed]`. */
  text: z.string().max(4096),
  keywords: z.array(z.strictObject({ category: z.string().min(1).max(64), matched: z.string().min(1).max(128) })).max(50),
  media: z.array(z.strictObject({ type: z.enum(['image', 'audio', 'video', 'document']) })).max(10),
  /** Rounded to about a kilometre, and only with the reporter shown. */
  location: z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  /** Absent when the report could not be placed in a state. */
  stateCode: unitCodeSchema.optional(),
  /** Where the report belongs; no deeper than the district when the reporter is withheld. */
  unitCode: unitCodeSchema,
  unitPath: z.array(unitCodeSchema).min(1).max(8),
  unitSource: z.enum(UnitSources),
  declaredComplaint: z.strictObject({ category: z.enum(ComplaintCategories), subject: z.string().min(1).max(256).optional() }).optional(),
  reporter: feedReporterSchema,
});

/** `system`, a reporter by their pseudonym within the case (`reporter:R1`), or an office-bearer by feed pseudonym. */
export const feedActorSchema = z.union([z.literal('system'), z.string().regex(/^reporter:R\d{1,4}$/), memberRefSchema]);

const caseRecord = {
  recordId: feedRecordIdSchema,
  feed: feedIdSchema,
  kind: z.literal('case'),
  stateCode: unitCodeSchema.optional(),
  actor: feedActorSchema,
};
const hidden = { eventId: true, notify: true, actor: true } as const;

/**
 * A case event as the feed shows it: the event minus whom grievance notifies (member ids and sender
 * pseudonyms), with its actor and assignee as feed pseudonyms. Case events carry no free text.
 */
export const feedCaseSchema = z.discriminatedUnion('type', [
  caseOpenedSchema.omit(hidden).extend(caseRecord),
  caseAcknowledgedSchema.omit(hidden).extend(caseRecord),
  caseAssignedSchema.omit({ ...hidden, assigneeId: true }).extend({ ...caseRecord, assigneeRef: memberRefSchema }),
  caseEscalatedSchema.omit(hidden).extend(caseRecord),
  caseResolvedSchema.omit(hidden).extend(caseRecord),
  caseReopenedSchema.omit(hidden).extend(caseRecord),
  caseMergedSchema.omit(hidden).extend(caseRecord),
  caseClosedSchema.omit(hidden).extend(caseRecord),
  caseDeadlineApproachingSchema.omit(hidden).extend(caseRecord),
]);

export type FeedReport = z.infer<typeof feedReportSchema>;
export type FeedCase = z.infer<typeof feedCaseSchema>;
export type FeedRecord = FeedReport | FeedCase;
export type FeedReporter = z.infer<typeof feedReporterSchema>;

export type FeedTopic = typeof Topics.AiccFeed | StateFeedTopic;
export const FEED_TOPICS: readonly FeedTopic[] = [Topics.AiccFeed, ...STATE_FEED_TOPICS];

export const FeedRecordTypes = {
  report: 'org.connectcenter.reporting.feed.report.v1',
  case: 'org.connectcenter.reporting.feed.case.v1',
  /** AICC feed only. */
  digest: 'org.connectcenter.reporting.feed.digest.v1',
} as const;

const reportExample: FeedReport = {
  recordId: 'fr_Q2x4bV9kZWY0NTY3ODkwYWJj',
  feed: 'JH',
  kind: 'report',
  reportId: '3f1c2a9e-8d4b-4e2a-9c1f-0a6b7d5e4c3b',
  receivedAt: '2026-11-26T09:30:00.000+05:30',
  attributedAt: '2026-11-26T04:00:02.000Z',
  channel: 'whatsapp',
  messageKind: 'text',
  script: 'devanagari',
  language: 'hi',
  text: 'प्रखंड कार्यालय में BDO नहीं मिले, शिकायत दर्ज करें, संपर्क [number removed]',
  keywords: [
    { category: 'block', matched: 'प्रखंड' },
    { category: 'bdo', matched: 'BDO' },
    { category: 'complaint', matched: 'शिकायत' },
  ],
  media: [],
  stateCode: 'JH',
  unitCode: 'JH-RAN-KANKE',
  unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
  unitSource: 'member-home',
  reporter: { shown: true, memberRef: 'mbrp_T3dL9xQ1aZ8kV2mN5pR7sY', trust: 'verified-member', posts: [] },
};

const caseExample: FeedCase = {
  recordId: 'fr_Zm9vYmFyYmF6cXV4MTIzNDU2',
  feed: 'JH',
  kind: 'case',
  stateCode: 'JH',
  type: 'escalated',
  caseId: 'case_rpt-7f3a9c21e4b5',
  reference: 'JH-2026-7F3A9C21',
  version: 2,
  occurredAt: '2026-11-27T04:00:00.000Z',
  category: 'bdo-conduct',
  severity: 'high',
  partyUnitCode: 'JH-RAN-KANKE',
  partyUnitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
  desk: { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' },
  actor: 'system',
  reason: 'acknowledge-overdue',
  from: { kind: 'post', unitCode: 'JH-RAN', level: 'district', post: 'grievance-convenor' },
  to: { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' },
};

export interface FeedEventDefinitions {
  readonly report: EventDefinition<typeof feedReportSchema>;
  readonly case: EventDefinition<typeof feedCaseSchema>;
}

function feedEventDefinitions(topic: FeedTopic): FeedEventDefinitions {
  return {
    report: defineEvent({
      type: FeedRecordTypes.report,
      version: 1,
      topic,
      schema: feedReportSchema,
      // One record per report and feed: nothing to keep in order, so the record spreads evenly.
      key: (record) => record.recordId,
      subject: (record) => record.recordId,
      description:
        'A report of the feed’s state (or, on the AICC feed, one the policy sends there), redacted: phone-like text removed, the member as a feed pseudonym, and no reporter at all when it may be a complaint about an office-bearer.',
      example: reportExample,
    }),
    case: defineEvent({
      type: FeedRecordTypes.case,
      version: 1,
      topic,
      schema: feedCaseSchema,
      key: (record) => record.caseId,
      subject: (record) => record.caseId,
      description:
        'A grievance case event of the feed’s state (or, on the AICC feed, one the policy sends there: escalations to an HQ, high and critical cases), without whom it notifies and with office-bearers as feed pseudonyms.',
      example: caseExample,
    }),
  };
}

/** The event definitions to publish a feed record with, per feed topic. */
export const FEED_EVENTS: Readonly<Record<FeedTopic, FeedEventDefinitions>> = Object.fromEntries(
  FEED_TOPICS.map((topic) => [topic, feedEventDefinitions(topic)]),
) as Record<FeedTopic, FeedEventDefinitions>;

/** `YYYY-MM-DD`, a calendar day in India (Asia/Kolkata). */
const indianDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');
const count = z.number().int().nonnegative();
/** Counts by a short key (a channel, a category, a status): free-form keys, bounded. */
const countsSchema = z.record(z.string().regex(/^[a-z0-9-]{1,64}$/, 'a lower-case key'), count).refine((counts) => Object.keys(counts).length <= 64, 'at most 64 keys');
const durationSummarySchema = z.strictObject({
  count,
  /** Milliseconds, the upper bound of the 20%-wide bucket the median falls in; null without any case. */
  medianMs: count.nullable(),
  p90Ms: count.nullable(),
});

/**
 * One state's Indian day in figures, on the AICC feed: counts only, no report, case, member or
 * phone of any kind. Published once per state and day after the day ends; `recordId` is derived
 * from the state and the day, so a republication (a retry, a second replica) has the same id.
 */
export const feedDigestSchema = z.strictObject({
  recordId: feedRecordIdSchema,
  feed: z.literal(AICC_FEED),
  kind: z.literal('digest'),
  period: z.literal('day'),
  stateCode: z.enum(FEED_STATE_CODES),
  day: indianDaySchema,
  timeZone: z.literal('Asia/Kolkata'),
  /** The day's bounds: Indian midnight to midnight, as instants. */
  from: isoInstant,
  to: isoInstant,
  computedAt: isoInstant,
  /** Attributed reports received that day, placed in the state. */
  reports: z.strictObject({ total: count, byChannel: countsSchema }),
  /** Those that declared a complaint, by declared category. */
  complaints: z.strictObject({ total: count, byCategory: countsSchema }),
  /** Grievance cases of the state opened that day, by category and by their status when the digest was computed. */
  casesOpened: z.strictObject({ total: count, byCategory: countsSchema, byStatusNow: countsSchema }),
  /**
   * What happened to the state's cases that day, whenever they were opened: case events by type
   * (`escalated`, `resolved`, `reopened`, `closed` …). A version overtaken by a later one before
   * reporting read it is not counted.
   */
  caseEvents: z.strictObject({ total: count, byType: countsSchema }),
  /**
   * Time to first acknowledgement and to resolution of the state's cases opened in the day's
   * month (reporting counts durations per month of opening, not per day).
   */
  handlingTimes: z.strictObject({ openedInMonth: z.string().regex(/^\d{4}-\d{2}$/), timeToAcknowledge: durationSummarySchema, timeToResolve: durationSummarySchema }),
  /**
   * Active and overdue cases and silent blocks at the end of the day. Reporting keeps the present
   * only, so this is given only when the digest was computed soon after the day ended (`at`: the
   * end of the day; `observedAt`: when the present was read); null for a day caught up later.
   */
  endOfDay: z
    .strictObject({
      at: isoInstant,
      observedAt: isoInstant,
      activeCases: count,
      overdueCases: count,
      silentBlocks: count,
      silentDays: count,
    })
    .nullable(),
});

export type FeedDigest = z.infer<typeof feedDigestSchema>;

export const FeedDigestEvent = defineEvent({
  type: FeedRecordTypes.digest,
  version: 1,
  topic: Topics.AiccFeed,
  schema: feedDigestSchema,
  // One state's digests in order on one partition.
  key: (record) => record.stateCode,
  subject: (record) => `${record.stateCode}/${record.day}`,
  description:
    'A state’s Indian day in figures, on the AICC feed after the day ends (policy `aicc.digests: daily`): reports and complaints received, cases opened, what happened to cases that day (escalated, resolved, closed …), handling times, and active and overdue cases and silent blocks at the end of the day. Counts only. The record id is derived from the state and the day.',
  example: {
    recordId: 'fr_ZGlnZXN0SkgyMDI2MTEyNmV4YW1wbGU',
    feed: AICC_FEED,
    kind: 'digest',
    period: 'day',
    stateCode: 'JH',
    day: '2026-11-26',
    timeZone: 'Asia/Kolkata',
    from: '2026-11-25T18:30:00.000Z',
    to: '2026-11-26T18:30:00.000Z',
    computedAt: '2026-11-26T18:40:00.000Z',
    reports: { total: 412, byChannel: { whatsapp: 301, sms: 88, app: 23 } },
    complaints: { total: 57, byCategory: { 'bdo-conduct': 21, 'co-conduct': 14, 'office-bearer-conduct': 9, organisational: 8, other: 5 } },
    casesOpened: { total: 49, byCategory: { 'bdo-conduct': 21, 'co-conduct': 14, 'office-bearer-conduct': 9, organisational: 5 }, byStatusNow: { open: 30, acknowledged: 12, escalated: 4, resolved: 3 } },
    caseEvents: { total: 118, byType: { opened: 49, acknowledged: 31, assigned: 9, escalated: 7, resolved: 15, reopened: 1, closed: 6 } },
    handlingTimes: {
      openedInMonth: '2026-11',
      timeToAcknowledge: { count: 802, medianMs: 10_749_542, p90Ms: 66_873_483 },
      timeToResolve: { count: 311, medianMs: 138_668_449, p90Ms: 414_063_378 },
    },
    endOfDay: { at: '2026-11-26T18:30:00.000Z', observedAt: '2026-11-26T18:40:00.000Z', activeCases: 183, overdueCases: 27, silentBlocks: 41, silentDays: 7 },
  },
});
