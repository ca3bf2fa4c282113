import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { memberIdSchema, PostKinds } from './member.event';
import { unitCodeSchema } from './report-content';
import { ReportReceivedEvent, reportReceivedSchema } from './report-received.event';

/** How much the organisation knows the sender: an active member, a number it has on record, or nobody. */
export const TrustLevels = ['verified-member', 'known-number', 'unknown'] as const;

/**
 * Where the report belongs, and why: the member's home unit, the unit the reporter declared (app)
 * or named in the text, or — when nothing says — `unassigned` in the state whose channel number
 * the message reached (national when even that is unknown).
 */
export const UnitSources = ['member-home', 'declared', 'named-in-text', 'unassigned'] as const;

export const attributionSchema = z.strictObject({
  /** Absent for a sender who is not a member. */
  memberId: memberIdSchema.optional(),
  trust: z.enum(TrustLevels),
  unitCode: unitCodeSchema,
  /** National down to `unitCode`. */
  unitPath: z.array(unitCodeSchema).min(1).max(8),
  unitSource: z.enum(UnitSources),
  /** Posts the member held when the report arrived. */
  posts: z.array(z.strictObject({ unitCode: unitCodeSchema, post: z.enum(PostKinds) })).max(20),
});

/**
 * The report as intake accepted it, minus who sent it (the phone number, WhatsApp id or app user
 * id, and the profile name), plus who that is in the organisation. Everything downstream — cases,
 * notifications, feeds — starts here, and none of it needs the phone number.
 */
export const reportAttributedSchema = reportReceivedSchema.omit({ sender: true, senderName: true }).extend({
  attribution: attributionSchema,
  attributedAt: z.iso.datetime({ offset: true }),
});

export type ReportAttributed = z.infer<typeof reportAttributedSchema>;
export type Attribution = z.infer<typeof attributionSchema>;

const { sender: _sender, senderName: _senderName, ...example } = ReportReceivedEvent.example;

export const ReportAttributedEvent = defineEvent({
  type: 'org.connectcenter.membership.report.attributed.v1',
  version: 1,
  topic: Topics.ReportAttributed,
  schema: reportAttributedSchema,
  key: (report) => report.senderKey,
  subject: (report) => report.reportId,
  description:
    'A report with its sender resolved to a member (or to nobody) and placed in the organisation. Carries a member id and the sender pseudonym, never a phone number.',
  example: {
    ...example,
    attribution: {
      memberId: 'mbr_4f7d2c9a1b3e5d6f',
      trust: 'verified-member',
      unitCode: 'JH-RAN-KANKE',
      unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
      unitSource: 'member-home',
      posts: [{ unitCode: 'JH-RAN-KANKE', post: 'president' }],
    },
    attributedAt: '2026-11-26T04:00:02.000Z',
  },
});
