import { orgUnit, ORG_UNITS, orgView } from './fixtures/org.fixtures';
import { isAbove, levelRank, OrgReadModel } from './org-view';

describe(OrgReadModel.name, () => {
  const sut = orgView();

  it('builds from records in any order, each carrying its path', () => {
    const reversed = OrgReadModel.of([...ORG_UNITS].reverse());

    expect(reversed.size).toBe(ORG_UNITS.length);
    expect(reversed.pathOf('345101')).toEqual(['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE', '345101']);
  });

  it('answers where a unit sits', () => {
    expect(sut.parentOf('JH-RAN-KANKE')?.code).toBe('JH-RAN');
    expect(sut.parentOf('IN')).toBeUndefined();
    expect(sut.levelOf('jh-ran')).toBe('district');
    expect(sut.get('NOPE')).toBeUndefined();
  });

  it.each([
    ['345101', 'JH-RAN', true],
    ['345101', '345101', true],
    ['JH-RAN-KANKE', 'IN', true],
    ['JH-RAN-KANKE', 'JH-RAN-ANGARA', false],
    ['JH-RAN', 'JH-RAN-KANKE', false],
    ['JH-KHU-ARKI', 'JH-RAN', false],
    ['NOPE', 'IN', false],
    ['JH', 'NOPE', false],
  ])('isWithin(%s, %s) is %s', (code, ancestor, within) => {
    expect(sut.isWithin(code, ancestor)).toBe(within);
  });

  it('finds the ancestor at a level, or the unit itself, never one below', () => {
    expect(sut.ancestorAt('345101', 'district')?.code).toBe('JH-RAN');
    expect(sut.ancestorAt('345101', 'panchayat')?.code).toBe('345101');
    expect(sut.ancestorAt('JH-RAN', 'block')).toBeUndefined();
    expect(sut.ancestorAt('NOPE', 'state')).toBeUndefined();
  });

  it('refuses a record whose path disagrees with its parent or level, and keeps what it had', () => {
    const model = orgView();
    const moved = { ...orgUnit('JH-RAN-KANKE', 'block', ['IN', 'JH', 'JH-KHU']), parentCode: 'JH-RAN' };

    expect(model.apply(moved)).toMatchObject({ ok: false, code: 'ORG.INCONSISTENT_UNIT' });
    expect(model.apply({ ...orgUnit('JH-X', 'block', ['IN', 'JH']) })).toMatchObject({ ok: false, code: 'ORG.INCONSISTENT_UNIT' });
    expect(model.pathOf('JH-RAN-KANKE')).toEqual(['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE']);
  });

  it('changes nothing when a record comes again', () => {
    const model = orgView();
    model.apply(ORG_UNITS[3]);

    expect(model.size).toBe(ORG_UNITS.length);
  });

  it('ranks levels from the top', () => {
    expect(levelRank('national')).toBe(0);
    expect(levelRank('panchayat')).toBe(4);
    expect(isAbove('district', 'block')).toBe(true);
    expect(isAbove('block', 'block')).toBe(false);
  });
});
