import type { CaseGuard, CaseSubject, UnitRef } from '../cases/case';
import { M, member, orgView, postHolders, postHoldersWith } from '../org/fixtures/org.fixtures';
import { T0 } from '../opening/fixtures/case.fixtures';
import type { PostHoldersView } from '../org/post-holders';
import type { ComplaintCategory } from '@cc/contracts';
import { DEFAULT_RULE_SET } from './default-rules';
import { route } from './route';
import type { RuleSet } from './routing-rule';

const org = orgView();
const unit = (code: string): UnitRef => {
  const found = org.get(code)!;
  return { code: found.code, level: found.level, path: found.path };
};
const noGuard: CaseGuard = { excludedMemberIds: [], excludedUnitCodes: [] };
const none: CaseSubject = { kind: 'none' };
const bdo: CaseSubject = { kind: 'government-office', office: 'bdo' };
const officeBearerAt = (unitCode: string, memberIds: string[]): CaseSubject => ({ kind: 'office-bearer', post: 'president', unitCodes: [unitCode], memberIds, certain: true });

function routed(category: ComplaintCategory, subject: CaseSubject, partyUnit: string, guard = noGuard, posts: PostHoldersView = postHolders(), ruleSet: RuleSet = DEFAULT_RULE_SET) {
  return route({ category, subject, partyUnit: unit(partyUnit), guard }, ruleSet, org, posts, T0);
}

describe(route.name, () => {
  it('sends a BDO complaint in a block to the district grievance cell and the state HQ feed', () => {
    expect(routed('bdo-conduct', bdo, 'JH-RAN-KANKE')).toEqual({
      ok: true,
      handler: {
        desk: { kind: 'post', post: 'grievance-convenor', unitCode: 'JH-RAN', level: 'district', unitPath: ['IN', 'JH', 'JH-RAN'] },
        memberIds: [M.ranchiConvenor],
        since: T0,
        via: 'rule',
        ruleId: 'bdo',
        ruleSetVersion: 1,
      },
      rule: expect.objectContaining({ id: 'bdo' }),
      skipped: [],
      feeds: ['state'],
    });
  });

  it('sends a complaint about a block president to the district president', () => {
    const guard = { excludedMemberIds: [M.kankePresident], excludedUnitCodes: ['JH-RAN-KANKE'] };

    expect(routed('office-bearer-conduct', officeBearerAt('JH-RAN-KANKE', [M.kankePresident]), 'JH-RAN-KANKE', guard)).toMatchObject({
      handler: { desk: { post: 'president', unitCode: 'JH-RAN' }, memberIds: [M.ranchiPresident], via: 'rule', ruleId: 'office-bearer' },
      feeds: [],
    });
  });

  it('sends a complaint about a district office-bearer to the state HQ, and a state one to AICC', () => {
    expect(routed('office-bearer-conduct', officeBearerAt('JH-RAN', [M.ranchiPresident]), 'JH-RAN')).toMatchObject({
      handler: { desk: { kind: 'role', role: 'state-hq', unitCode: 'JH' } },
      feeds: ['state'],
    });
    expect(routed('office-bearer-conduct', officeBearerAt('JH', [M.jharkhandPresident]), 'JH')).toMatchObject({
      handler: { desk: { kind: 'role', role: 'aicc-admin', unitCode: 'IN' } },
      feeds: ['national', 'state'],
    });
  });

  it('handles a ration complaint at the block’s own cell, and a panchayat’s at its block', () => {
    expect(routed('government-service', none, 'JH-RAN-KANKE')).toMatchObject({ handler: { desk: { post: 'grievance-convenor', unitCode: 'JH-RAN-KANKE' } } });
    expect(routed('government-service', none, '345101')).toMatchObject({ handler: { desk: { unitCode: 'JH-RAN-KANKE' }, ruleId: 'scheme-panchayat' } });
  });

  it('falls back to the next desk of the same unit when the rule’s post is vacant', () => {
    const noConvenor = postHoldersWith(member(M.ranchiConvenor, 'JH-RAN', []));

    expect(routed('bdo-conduct', bdo, 'JH-RAN-KANKE', noGuard, noConvenor)).toMatchObject({
      handler: { desk: { post: 'president', unitCode: 'JH-RAN' }, via: 'fallback', ruleId: 'bdo' },
      skipped: [],
    });
  });

  it('goes up the chain when the rule’s unit is excluded, and says why', () => {
    const guard = { excludedMemberIds: [M.ranchiPresident], excludedUnitCodes: ['JH-RAN'] };

    expect(routed('bdo-conduct', bdo, 'JH-RAN-KANKE', guard)).toMatchObject({
      handler: { desk: { role: 'state-hq', unitCode: 'JH' }, via: 'fallback' },
      skipped: [{ unitCode: 'JH-RAN', why: 'conflict-of-interest' }],
    });
  });

  it('never chooses an HQ role desk inside an excluded unit', () => {
    const guard = { excludedMemberIds: [M.ranchiPresident], excludedUnitCodes: ['JH'] };

    expect(routed('office-bearer-conduct', officeBearerAt('JH-RAN', [M.ranchiPresident]), 'JH-RAN', guard)).toMatchObject({
      handler: { desk: { role: 'aicc-admin', unitCode: 'IN' }, via: 'fallback' },
      skipped: [{ unitCode: 'JH', why: 'conflict-of-interest' }],
    });
  });

  it('goes up the chain when nobody at the rule’s unit can take it', () => {
    const empty = postHoldersWith(member(M.kankeConvenor, 'JH-RAN-KANKE', []), member(M.kankePresident, 'JH-RAN-KANKE', []));

    expect(routed('government-service', none, 'JH-RAN-KANKE', noGuard, empty)).toMatchObject({
      handler: { desk: { post: 'grievance-convenor', unitCode: 'JH-RAN' }, via: 'fallback' },
      skipped: [{ unitCode: 'JH-RAN-KANKE', why: 'vacant' }],
    });
  });

  it('refuses a case no rule covers, and an unknown unit', () => {
    const partial: RuleSet = { ...DEFAULT_RULE_SET, rules: DEFAULT_RULE_SET.rules.filter(({ id }) => id !== 'default') };

    expect(routed('other', none, 'JH-RAN-KANKE', noGuard, postHolders(), partial)).toMatchObject({ ok: false, code: 'ROUTING.NO_RULE' });
    expect(route({ category: 'other', subject: none, partyUnit: { code: 'NOPE', level: 'block', path: [] }, guard: noGuard }, DEFAULT_RULE_SET, org, postHolders(), T0)).toMatchObject({
      ok: false,
      code: 'ROUTING.UNKNOWN_UNIT',
    });
  });
});
