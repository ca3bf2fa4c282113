import { M, member, orgView, postHolders, postHoldersWith } from '../org/fixtures/org.fixtures';
import { T0 } from '../opening/fixtures/case.fixtures';
import type { PostHoldersView } from '../org/post-holders';
import { DEFAULT_DESK_PREFERENCES, type DeskContext } from './desks';
import { escalationTarget } from './escalation-target';

const org = orgView();
const ctx = (posts: PostHoldersView = postHolders()): DeskContext => ({ org, posts, at: T0, preferences: DEFAULT_DESK_PREFERENCES });
const noGuard = { guard: { excludedMemberIds: [], excludedUnitCodes: [] } };

describe(escalationTarget.name, () => {
  const sut = escalationTarget;

  it('goes one level up, to the first desk there with an eligible holder', () => {
    expect(sut(noGuard, 'JH-RAN-KANKE', ctx())).toEqual({
      ok: true,
      choice: { desk: { kind: 'post', post: 'grievance-convenor', unitCode: 'JH-RAN', level: 'district', unitPath: ['IN', 'JH', 'JH-RAN'] }, memberIds: [M.ranchiConvenor] },
      skipped: [],
    });
  });

  it('ends at the state HQ, then at AICC', () => {
    expect(sut(noGuard, 'JH-RAN', ctx())).toMatchObject({ ok: true, choice: { desk: { kind: 'role', role: 'state-hq', unitCode: 'JH' }, memberIds: [] } });
    expect(sut(noGuard, 'JH', ctx())).toMatchObject({ ok: true, choice: { desk: { kind: 'role', role: 'aicc-admin', unitCode: 'IN' } } });
    expect(sut(noGuard, 'IN', ctx())).toEqual({ ok: false, code: 'GUARD.NO_ESCALATION_TARGET', reason: 'no unit above IN may take the case' });
  });

  it('skips a unit within an excluded one, and says so', () => {
    const guard = { excludedMemberIds: [M.kankePresident], excludedUnitCodes: ['JH-RAN'] };

    expect(sut({ guard }, '345101', ctx())).toMatchObject({
      ok: true,
      choice: { desk: { role: 'state-hq', unitCode: 'JH' } },
      skipped: [
        { unitCode: 'JH-RAN-KANKE', why: 'conflict-of-interest' },
        { unitCode: 'JH-RAN', why: 'conflict-of-interest' },
      ],
    });
  });

  it('falls back to the president when the convenor’s post is vacant, and skips a unit with neither', () => {
    const noConvenor = postHoldersWith(member(M.ranchiConvenor, 'JH-RAN', []));
    const nobody = postHoldersWith(member(M.ranchiConvenor, 'JH-RAN', []), member(M.ranchiPresident, 'JH-RAN', []));

    expect(sut(noGuard, 'JH-RAN-KANKE', ctx(noConvenor))).toMatchObject({ choice: { desk: { post: 'president' }, memberIds: [M.ranchiPresident] } });
    expect(sut(noGuard, 'JH-RAN-KANKE', ctx(nobody))).toMatchObject({ choice: { desk: { role: 'state-hq' } }, skipped: [{ unitCode: 'JH-RAN', why: 'vacant' }] });
  });

  it('passes over a holder who is suspended or conflicted', () => {
    const suspended = postHoldersWith(member(M.ranchiConvenor, 'JH-RAN', [{ unitCode: 'JH-RAN', post: 'grievance-convenor' }], 'suspended'));
    const guard = { excludedMemberIds: [M.ranchiConvenor], excludedUnitCodes: [] };

    expect(sut(noGuard, 'JH-RAN-KANKE', ctx(suspended))).toMatchObject({ choice: { desk: { post: 'president' } } });
    expect(sut({ guard }, 'JH-RAN-KANKE', ctx())).toMatchObject({ choice: { desk: { post: 'president' }, memberIds: [M.ranchiPresident] } });
  });

  it('jumps to a level when asked (the ceiling), and considers the starting unit when asked (routing)', () => {
    expect(sut(noGuard, '345101', ctx(), { atLeast: 'state' })).toMatchObject({ choice: { desk: { role: 'state-hq', unitCode: 'JH' } }, skipped: [] });
    expect(sut(noGuard, 'JH-RAN', ctx(), { includeFrom: true })).toMatchObject({ choice: { desk: { post: 'grievance-convenor', unitCode: 'JH-RAN' } } });
  });

  it('refuses an unknown unit', () => {
    expect(sut(noGuard, 'NOPE', ctx())).toMatchObject({ ok: false, code: 'GUARD.UNKNOWN_UNIT' });
  });
});
