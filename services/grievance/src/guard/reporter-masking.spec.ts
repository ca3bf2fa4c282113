import { M, orgView, postHolders } from '../org/fixtures/org.fixtures';
import { BDO_FROM_PITHORIA, opened, REPORTER_KEY, T0 } from '../opening/fixtures/case.fixtures';
import type { Principal } from '../shared/principal';
import { caseViewFor, unmask } from './reporter-masking';

const org = orgView();
const posts = postHolders();
const hqUnmasker: Principal = { memberId: M.jharkhandPresident, unitCode: 'JH', roles: ['state-hq', 'grievance-unmask'] };
const reason = 'the reporter must be asked to testify at the inquiry';

describe(caseViewFor.name, () => {
  const sut = caseViewFor;
  const c = opened(`${BDO_FROM_PITHORIA}. मेरा नंबर 98123 48765 है`).case;

  it.each<[string, Principal]>([
    ['the district desk', { memberId: M.ranchiConvenor, unitCode: 'JH-RAN', roles: ['office-bearer'] }],
    ['the state HQ, even with the unmask role', hqUnmasker],
  ])('shows %s the reporter only by pseudonym, and no number in the text', (_, principal) => {
    const result = sut(principal, c, org, posts, T0);
    if (!result.ok) throw new Error(result.reason);

    expect(result.view.reporters).toEqual([{ pseudonym: 'R1', trust: 'verified-member', channel: 'whatsapp', language: 'hi' }]);
    expect(result.view.reports).toEqual([{ reporter: 'R1', receivedAt: T0, channel: 'whatsapp', text: `${BDO_FROM_PITHORIA}. मेरा नंबर [number removed] है` }]);
    const json = JSON.stringify(result.view);
    expect(json).not.toContain(REPORTER_KEY);
    expect(json).not.toContain(M.worker);
    expect(json).not.toContain(c.reports[0].reportId);
  });

  it('shows nothing to whom the case is not visible', () => {
    expect(sut({ memberId: M.kankeConvenor, unitCode: 'JH-RAN-KANKE', roles: ['office-bearer'] }, c, org, posts, T0)).toMatchObject({ ok: false, code: 'GUARD.NOT_VISIBLE' });
  });
});

describe(unmask.name, () => {
  const sut = unmask;
  const c = opened(BDO_FROM_PITHORIA).case;

  it('reveals the reporter to the state HQ’s unmasker, with an audit entry to store first', () => {
    const at = new Date(T0.getTime() + 60_000);
    const result = sut(hqUnmasker, c, reason, at, org, posts);

    expect(result).toEqual({
      ok: true,
      case: expect.objectContaining({ version: 2, status: 'open' }),
      audit: { at, actor: M.jharkhandPresident, action: 'unmask', from: 'open', to: 'open', reason, version: 2 },
      reporters: [{ pseudonym: 'R1', senderKey: REPORTER_KEY, memberId: M.worker, unitCode: '345101', trust: 'verified-member' }],
    });
    if (result.ok) expect(result.case.audit.at(-1)).toEqual(result.audit);
  });

  it('lets AICC unmask too', () => {
    expect(sut({ memberId: 'mbr_aicc_officer1', unitCode: 'IN', roles: ['aicc-admin', 'grievance-unmask'] }, c, reason, T0, org, posts).ok).toBe(true);
  });

  it.each<[string, Principal, string]>([
    ['the state HQ without the unmask role', { memberId: M.jharkhandPresident, unitCode: 'JH', roles: ['state-hq'] }, 'MASK.NOT_ALLOWED'],
    ['an HQ caller without a member id', { unitCode: 'JH', roles: ['state-hq', 'grievance-unmask'] }, 'MASK.NOT_ALLOWED'],
    ['the district desk claiming the unmask role', { memberId: M.ranchiConvenor, unitCode: 'JH-RAN', roles: ['office-bearer', 'grievance-unmask'] }, 'MASK.NOT_ALLOWED'],
    ['another state’s unmasker', { memberId: 'mbr_bihar_officer1', unitCode: 'BR', roles: ['state-hq', 'grievance-unmask'] }, 'GUARD.NOT_VISIBLE'],
  ])('refuses %s', (_, principal, code) => {
    expect(sut(principal, c, reason, T0, org, posts)).toMatchObject({ ok: false, code });
  });

  it('refuses without a real reason', () => {
    expect(sut(hqUnmasker, c, ' curious ', T0, org, posts)).toMatchObject({ ok: false, code: 'MASK.REASON_REQUIRED' });
  });
});
