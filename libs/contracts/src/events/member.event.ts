import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { unitCodeSchema } from './report-content';

export const MemberStatuses = ['active', 'pending', 'suspended', 'left'] as const;
export const PostKinds = ['president', 'vice-president', 'general-secretary', 'secretary', 'treasurer', 'grievance-convenor', 'member'] as const;
export type PostKind = (typeof PostKinds)[number];

export const memberIdSchema = z.string().regex(/^mbr_[A-Za-z0-9_-]{8,64}$/, 'a member id: mbr_ and 8-64 letters, digits, _ or -');

/** A post held for a period: the history grievance needs to keep a complaint away from the person it names. */
export const postTenureSchema = z.strictObject({
  unitCode: unitCodeSchema,
  post: z.enum(PostKinds),
  from: z.iso.datetime({ offset: true }),
  /** Absent while the post is held. */
  to: z.iso.datetime({ offset: true }).optional(),
});

/**
 * A member as membership holds them, latest record per member id on a compacted topic. Personal
 * data: it carries the contact numbers notification needs, so it stays on this internal topic and
 * never reaches an HQ feed; `identityKeys` are the sender pseudonyms every other service matches on.
 */
export const memberSchema = z.strictObject({
  memberId: memberIdSchema,
  name: z.string().min(1).max(100),
  status: z.enum(MemberStatuses),
  homeUnitCode: unitCodeSchema,
  /** National down to the home unit. */
  unitPath: z.array(unitCodeSchema).min(1).max(8),
  language: z.enum(['hi', 'en']),
  /** E.164, the first the one to contact. */
  phones: z.array(z.string().regex(/^\+[1-9]\d{7,14}$/)).max(5),
  whatsappBsuid: z.string().min(1).max(256).optional(),
  appUserId: z.string().min(1).max(128).optional(),
  /** `senderKey`s of every identity above (see report-received). */
  identityKeys: z.array(z.string().min(8).max(128)).max(10),
  consentToContact: z.boolean(),
  /** Every post ever held, current and past. */
  posts: z.array(postTenureSchema).max(50),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type Member = z.infer<typeof memberSchema>;
export type PostTenure = z.infer<typeof postTenureSchema>;

export const MemberEvent = defineEvent({
  type: 'org.connectcenter.membership.member.changed.v1',
  version: 1,
  topic: Topics.Member,
  schema: memberSchema,
  key: (member) => member.memberId,
  subject: (member) => member.memberId,
  description: 'The current state of a member, published whenever they are registered, imported, approved, changed, or take up or leave a post.',
  example: {
    memberId: 'mbr_4f7d2c9a1b3e5d6f',
    name: 'Sunita Devi',
    status: 'active',
    homeUnitCode: 'JH-RAN-KANKE',
    unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
    language: 'hi',
    phones: ['+919812348765'],
    appUserId: 'app-user-20931',
    identityKeys: ['snd_1f0e9a7c3b2d4e5f6a7b8c9d0e1f2a3b', 'snd_9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49'],
    consentToContact: true,
    posts: [{ unitCode: 'JH-RAN-KANKE', post: 'president', from: '2025-04-01T00:00:00.000Z' }],
    createdAt: '2025-03-15T06:30:00.000Z',
    updatedAt: '2026-11-26T04:00:00.000Z',
  },
});
