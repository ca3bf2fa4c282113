import { AICC_FEED } from '@cc/contracts';
import type { FeedPolicy } from './feed-policy';
import { routeCaseEvent, routeReport } from './feed-routing';
import { caseEvent, POLICY, report } from './fixtures/feed.fixtures';

const STATE_HQ = { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' } as const;
const AICC_DESK = { kind: 'role', unitCode: 'IN', level: 'national', role: 'aicc-admin' } as const;
const DISTRICT = { kind: 'post', unitCode: 'JH-RAN', level: 'district', post: 'grievance-convenor' } as const;
const BLOCK = { kind: 'post', unitCode: 'JH-RAN-KANKE', level: 'block', post: 'grievance-convenor' } as const;
const quiet = { memberIds: [], desks: [], reporters: [], feeds: ['state' as const] };

describe(routeReport.name, () => {
  it('sends a report to its state’s feed only', () => {
    expect(routeReport(report(), POLICY)).toEqual({ ok: true, feeds: ['JH'] });
  });

  it('sends a report placed in no state to AICC, which would otherwise never see it', () => {
    const unplaced = report({ attribution: { trust: 'unknown', unitCode: 'IN', unitPath: ['IN'], unitSource: 'unassigned', posts: [] } });
    expect(routeReport(unplaced, POLICY)).toEqual({ ok: true, feeds: [AICC_FEED] });
    expect(routeReport(unplaced, { ...POLICY, aicc: { ...POLICY.aicc, reports: 'none' } })).toEqual({ ok: true, feeds: [] });
  });

  it('sends every report to AICC too when the policy says all', () => {
    expect(routeReport(report(), { ...POLICY, aicc: { ...POLICY.aicc, reports: 'all' } })).toEqual({ ok: true, feeds: ['JH', AICC_FEED] });
  });

  it('refuses a report of a state that has no feed topic, saying what to do', () => {
    const sut = routeReport(report({ attribution: { trust: 'unknown', unitCode: 'GJ', unitPath: ['IN', 'GJ'], unitSource: 'unassigned', posts: [] } }), POLICY);
    expect(sut).toEqual({ ok: false, code: 'FEED.NO_STATE_FEED', reason: expect.stringContaining('state GJ has no HQ feed topic') });
  });
});

describe(routeCaseEvent.name, () => {
  it('keeps a block-level assignment of a normal case on the state feed', () => {
    expect(routeCaseEvent(caseEvent('assigned', { desk: BLOCK, notify: quiet }), POLICY)).toEqual({ ok: true, feeds: ['JH'] });
  });

  it('sends an escalation to the state HQ to the state and to AICC', () => {
    const escalated = caseEvent('escalated', { from: DISTRICT, to: STATE_HQ, desk: STATE_HQ, notify: quiet });
    expect(routeCaseEvent(escalated, POLICY)).toEqual({ ok: true, feeds: ['JH', AICC_FEED] });
    expect(routeCaseEvent({ ...escalated, from: STATE_HQ, to: AICC_DESK, desk: AICC_DESK }, POLICY)).toEqual({ ok: true, feeds: ['JH', AICC_FEED] });
  });

  it('keeps an escalation from block to district on the state feed', () => {
    expect(routeCaseEvent(caseEvent('escalated', { from: BLOCK, to: DISTRICT, desk: DISTRICT, notify: quiet }), POLICY)).toEqual({ ok: true, feeds: ['JH'] });
  });

  it('sends every event of a critical or high case to AICC as well, and of a normal one not', () => {
    for (const type of ['opened', 'acknowledged', 'resolved'] as const) {
      expect(routeCaseEvent(caseEvent(type, { severity: 'critical', notify: quiet }), POLICY)).toEqual({ ok: true, feeds: ['JH', AICC_FEED] });
      expect(routeCaseEvent(caseEvent(type, { severity: 'high', notify: quiet }), POLICY)).toEqual({ ok: true, feeds: ['JH', AICC_FEED] });
      expect(routeCaseEvent(caseEvent(type, { severity: 'normal', notify: quiet }), POLICY)).toEqual({ ok: true, feeds: ['JH'] });
    }
  });

  it('sends what grievance’s routing rule names for the national feed to AICC, unless the policy says not to', () => {
    const named = caseEvent('opened', { notify: { ...quiet, feeds: ['state', 'national'] } });
    expect(routeCaseEvent(named, POLICY)).toEqual({ ok: true, feeds: ['JH', AICC_FEED] });
    const policy: FeedPolicy = { ...POLICY, aicc: { ...POLICY.aicc, caseEvents: { ...POLICY.aicc.caseEvents, namedByGrievance: false } } };
    expect(routeCaseEvent(named, policy)).toEqual({ ok: true, feeds: ['JH'] });
  });

  it('follows the policy’s lists: only some types to the state, some types always to AICC, no escalations', () => {
    const policy: FeedPolicy = {
      ...POLICY,
      state: { reports: true, caseEvents: ['opened', 'closed'] },
      aicc: { ...POLICY.aicc, caseEvents: { types: ['closed'], escalatedToLevel: null, severities: [], namedByGrievance: false } },
    };
    expect(routeCaseEvent(caseEvent('acknowledged', { notify: quiet }), policy)).toEqual({ ok: true, feeds: [] });
    expect(routeCaseEvent(caseEvent('closed', { notify: quiet }), policy)).toEqual({ ok: true, feeds: ['JH', AICC_FEED] });
    expect(routeCaseEvent(caseEvent('escalated', { to: STATE_HQ, desk: STATE_HQ, notify: quiet }), policy)).toEqual({ ok: true, feeds: [] });
  });

  it('sends a case of the national unit to AICC', () => {
    expect(routeCaseEvent(caseEvent('opened', { partyUnitCode: 'IN', partyUnitPath: ['IN'], notify: quiet }), POLICY)).toEqual({ ok: true, feeds: [AICC_FEED] });
  });
});
