import { DEFAULT_DESK_PREFERENCES } from '../guard/desks';
import type { RoutingRule, RuleSet } from './routing-rule';

/**
 * The rules a new installation starts with, each a sentence:
 * - by default the grievance cell of the unit concerned handles it (its president if there is no
 *   convenor), and a panchayat's government-service complaint goes to its block, which can take it
 *   to the block office;
 * - a BDO's or CO's conduct goes to the district grievance cell, and the state HQ feed sees it;
 * - an office-bearer's conduct goes to the president of the unit above; a district office-bearer's
 *   to the state HQ, a state office-bearer's to AICC;
 * - a complaint about an office-bearer who cannot be told apart goes to the state HQ, which reads it;
 * - an organisational matter goes to the president of the unit above.
 */
export const DEFAULT_RULES: readonly RoutingRule[] = [
  { id: 'default', category: '*', unitLevel: '*', subject: 'any', handler: { level: 'same', desk: 'grievance-convenor' } },
  { id: 'scheme-panchayat', category: 'government-service', unitLevel: 'panchayat', subject: 'any', handler: { level: 'parent', desk: 'grievance-convenor' } },
  { id: 'bdo', category: 'bdo-conduct', unitLevel: '*', subject: 'any', handler: { level: 'district', desk: 'grievance-convenor' }, alsoNotify: ['state-feed'] },
  { id: 'co', category: 'co-conduct', unitLevel: '*', subject: 'any', handler: { level: 'district', desk: 'grievance-convenor' }, alsoNotify: ['state-feed'] },
  { id: 'office-bearer', category: 'office-bearer-conduct', unitLevel: '*', subject: 'office-bearer', handler: { level: 'parent', desk: 'president' } },
  {
    id: 'office-bearer-district',
    category: 'office-bearer-conduct',
    unitLevel: 'district',
    subject: 'office-bearer',
    handler: { level: 'state', desk: 'state-hq' },
    alsoNotify: ['state-feed'],
  },
  {
    id: 'office-bearer-state',
    category: 'office-bearer-conduct',
    unitLevel: 'state',
    subject: 'office-bearer',
    handler: { level: 'national', desk: 'aicc-admin' },
    alsoNotify: ['national-feed'],
  },
  {
    id: 'office-bearer-unnamed',
    category: 'office-bearer-conduct',
    unitLevel: '*',
    subject: 'any',
    handler: { level: 'state', desk: 'state-hq' },
    alsoNotify: ['state-feed'],
  },
  { id: 'organisational', category: 'organisational', unitLevel: '*', subject: 'any', handler: { level: 'parent', desk: 'president' } },
];

export const DEFAULT_RULE_SET: RuleSet = {
  version: 1,
  rules: DEFAULT_RULES,
  escalation: DEFAULT_DESK_PREFERENCES,
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  createdBy: 'system',
};
