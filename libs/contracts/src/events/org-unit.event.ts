import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { unitCodeSchema } from './report-content';

export const UnitLevels = ['national', 'state', 'district', 'block', 'panchayat'] as const;
export type UnitLevel = (typeof UnitLevels)[number];

/**
 * One organisational unit as membership holds it: the latest record per code on a compacted
 * topic, so any service can rebuild the whole tree by reading it from the start.
 */
export const orgUnitSchema = z.strictObject({
  code: unitCodeSchema,
  level: z.enum(UnitLevels),
  /** Absent only for the national unit. */
  parentCode: unitCodeSchema.optional(),
  nameEn: z.string().min(1).max(200),
  nameHi: z.string().min(1).max(200).optional(),
  /** Codes from national down to this unit: subtree checks without walking the tree. */
  path: z.array(unitCodeSchema).min(1).max(8),
  /** Whether the unit has a formed committee (block, district, state and panchayat levels). */
  committeeFormed: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type OrgUnit = z.infer<typeof orgUnitSchema>;

export const OrgUnitEvent = defineEvent({
  type: 'org.connectcenter.membership.unit.changed.v1',
  version: 1,
  topic: Topics.OrgUnit,
  schema: orgUnitSchema,
  key: (unit) => unit.code,
  subject: (unit) => unit.code,
  description: 'The current state of an organisational unit (national, state, district, block, panchayat), published whenever it is created or changed.',
  example: {
    code: 'JH-RAN-KANKE',
    level: 'block',
    parentCode: 'JH-RAN',
    nameEn: 'Kanke',
    nameHi: 'कांके',
    path: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
    committeeFormed: true,
    updatedAt: '2026-11-26T04:00:00.000Z',
  },
});
