import { M, member, MEMBERS, postHolders } from './fixtures/org.fixtures';
import { PostHoldersReadModel } from './post-holders';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-02T04:00:00.000Z');

describe(PostHoldersReadModel.name, () => {
  const sut = postHolders();

  it('says who held a post at an instant, the former holder included at their time', () => {
    expect(sut.holdersAt('JH-RAN-KANKE', 'president', NOW)).toEqual([M.kankePresident]);
    expect(sut.holdersAt('JH-RAN-KANKE', 'president', at('2024-06-01T00:00:00.000Z'))).toEqual([M.kankeFormerPresident]);
    expect(sut.holdersAt('JH-RAN-KANKE', 'treasurer', NOW)).toEqual([]);
  });

  it('hands over at the instant the tenure ends (exclusive end)', () => {
    expect(sut.holdersAt('JH-RAN-KANKE', 'president', at('2025-01-01T00:00:00.000Z'))).toEqual([M.kankePresident]);
    expect(sut.holdersAt('JH-RAN-KANKE', 'president', at('2024-12-31T23:59:59.999Z'))).toEqual([M.kankeFormerPresident]);
  });

  it('lists the posts a member holds, and the units they preside over', () => {
    expect(sut.postsAt(M.kankeSecretary, NOW)).toEqual([
      { unitCode: 'JH-RAN-KANKE', post: 'secretary' },
      { unitCode: 'JH-RAN', post: 'secretary' },
    ]);
    expect(sut.presidedUnitsAt(M.kankePresident, NOW)).toEqual(['JH-RAN-KANKE']);
    expect(sut.presidedUnitsAt(M.kankeSecretary, NOW)).toEqual([]);
    expect(sut.postsAt('mbr_nobody_at_all', NOW)).toEqual([]);
  });

  it('replaces a member’s posts with their latest record', () => {
    const model = postHolders();
    const promoted = { ...member(M.kankePresident, 'JH-RAN-KANKE', [{ unitCode: 'JH-RAN', post: 'vice-president' }]), updatedAt: '2026-02-01T00:00:00.000Z' };

    expect(model.apply(promoted)).toBe('applied');
    expect(model.holdersAt('JH-RAN-KANKE', 'president', NOW)).toEqual([]);
    expect(model.postsAt(M.kankePresident, NOW)).toEqual([{ unitCode: 'JH-RAN', post: 'vice-president' }]);
  });

  it('ignores an older record that arrives after a newer one', () => {
    const model = postHolders();
    const newer = { ...member(M.kankePresident, 'JH-RAN-KANKE', []), updatedAt: '2026-02-01T00:00:00.000Z' };
    model.apply(newer);

    expect(model.apply(MEMBERS[0])).toBe('stale');
    expect(model.holdersAt('JH-RAN-KANKE', 'president', NOW)).toEqual([]);
  });

  it('keeps a suspended member’s posts for the guard, and says they are not active', () => {
    const model = PostHoldersReadModel.of([member(M.kankePresident, 'JH-RAN-KANKE', [{ unitCode: 'JH-RAN-KANKE', post: 'president' }], 'suspended')]);

    expect(model.holdersAt('JH-RAN-KANKE', 'president', NOW)).toEqual([M.kankePresident]);
    expect(model.isActive(M.kankePresident)).toBe(false);
    expect(sut.isActive(M.kankePresident)).toBe(true);
    expect(sut.isActive('mbr_nobody_at_all')).toBe(false);
  });
});
