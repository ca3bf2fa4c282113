import { M, member, orgView, postHolders, postHoldersWith } from '../org/fixtures/org.fixtures';
import { T0 } from '../opening/fixtures/case.fixtures';
import { exclusionsFor, refreshGuard, resolveSubject } from './exclusions';

const org = orgView();
const posts = postHolders();

describe(resolveSubject.name, () => {
  const sut = resolveSubject;

  it('resolves a post with a level to the unit on the reporter’s path and its holder at the time', () => {
    expect(sut({ kind: 'office-bearer', post: 'president', level: 'block' }, '345101', org, posts, T0)).toEqual({
      kind: 'office-bearer',
      post: 'president',
      level: 'block',
      unitCodes: ['JH-RAN-KANKE'],
      memberIds: [M.kankePresident],
      certain: true,
    });
  });

  it('takes every office-bearer of the unit when the report names no post', () => {
    expect(sut({ kind: 'office-bearer', level: 'block' }, '345101', org, posts, T0)).toMatchObject({
      memberIds: [M.kankePresident, M.kankeSecretary, M.kankeConvenor],
    });
  });

  it('covers every committee from the reporter up to the district when the level is not said', () => {
    expect(sut({ kind: 'office-bearer', post: 'president' }, '345101', org, posts, T0)).toMatchObject({
      unitCodes: ['JH-RAN', 'JH-RAN-KANKE', '345101'],
      memberIds: [M.ranchiPresident, M.kankePresident, M.pithoriaPresident],
      certain: false,
    });
    expect(sut({ kind: 'office-bearer', post: 'president' }, 'JH', org, posts, T0)).toMatchObject({ unitCodes: ['JH'], memberIds: [M.jharkhandPresident] });
  });

  it('falls back to the reporter’s path when the level named is below the reporter', () => {
    expect(sut({ kind: 'office-bearer', post: 'president', level: 'block' }, 'JH-RAN', org, posts, T0)).toMatchObject({ unitCodes: ['JH-RAN'], certain: false });
  });

  it('keeps a member, an office, or nobody as they are', () => {
    expect(sut({ kind: 'member', memberId: M.kankeSecretary }, '345101', org, posts, T0)).toEqual({ kind: 'member', memberId: M.kankeSecretary });
    expect(sut({ kind: 'government-office', office: 'co' }, '345101', org, posts, T0)).toEqual({ kind: 'government-office', office: 'co' });
    expect(sut(undefined, '345101', org, posts, T0)).toEqual({ kind: 'none' });
  });
});

describe(exclusionsFor.name, () => {
  const sut = exclusionsFor;

  it('excludes the accused and every committee they sit on, not only the one they preside over', () => {
    const subject = { kind: 'member' as const, memberId: M.kankeSecretary };

    expect(sut({ subject, named: [], reporterUnitCode: '345101', at: T0 }, org, posts)).toEqual({
      excludedMemberIds: [M.kankeSecretary],
      excludedUnitCodes: ['JH-RAN', 'JH-RAN-KANKE'],
    });
  });

  it('excludes a named post’s unit even when nobody holds the post', () => {
    const subject = resolveSubject({ kind: 'office-bearer', post: 'treasurer', level: 'block' }, '345101', org, posts, T0);

    expect(sut({ subject, named: [{ post: 'treasurer', level: 'block' }], reporterUnitCode: '345101', at: T0 }, org, posts)).toEqual({
      excludedMemberIds: [],
      excludedUnitCodes: ['JH-RAN-KANKE'],
    });
  });

  it('excludes office-bearers named beside the subject', () => {
    const guard = sut(
      { subject: { kind: 'government-office', office: 'bdo' }, named: [{ post: 'president', level: 'district' }], reporterUnitCode: '345101', at: T0 },
      org,
      posts,
    );

    expect(guard).toEqual({ excludedMemberIds: [M.ranchiPresident], excludedUnitCodes: ['JH-RAN'] });
  });

  it('excludes nothing for a complaint about a government officer alone', () => {
    expect(sut({ subject: { kind: 'government-office', office: 'bdo' }, named: [], reporterUnitCode: '345101', at: T0 }, org, posts)).toEqual({
      excludedMemberIds: [],
      excludedUnitCodes: [],
    });
  });
});

describe(refreshGuard.name, () => {
  it('adds the committees an accused has joined since the complaint; never removes any', () => {
    const promoted = postHoldersWith(member(M.kankePresident, 'JH-RAN-KANKE', [{ unitCode: 'JH-RAN', post: 'vice-president', from: '2026-03-05T00:00:00.000Z' }]));
    const guard = { excludedMemberIds: [M.kankePresident], excludedUnitCodes: ['JH-RAN-KANKE'] };

    expect(refreshGuard(guard, promoted, T0)).toEqual(guard);
    expect(refreshGuard(guard, promoted, new Date('2026-03-06T00:00:00.000Z'))).toEqual({
      excludedMemberIds: [M.kankePresident],
      excludedUnitCodes: ['JH-RAN', 'JH-RAN-KANKE'],
    });
  });
});
