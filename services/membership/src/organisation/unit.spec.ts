import { canParent, parentLevelOf, parseUnit, UNIT_LEVELS } from './unit';

describe(parseUnit.name, () => {
  const sut = parseUnit;

  it('reads a unit, with the code in upper case and names trimmed', () => {
    expect(sut({ code: ' jh-ran ', level: 'district', parentCode: 'jh', nameEn: ' Ranchi ', nameHi: 'रांची' })).toEqual({
      ok: true,
      unit: { code: 'JH-RAN', level: 'district', parentCode: 'JH', nameEn: 'Ranchi', nameHi: 'रांची' },
    });
  });

  it('reads a blank Hindi name and a blank parent of the national unit as absent', () => {
    expect(sut({ code: 'IN', level: 'national', parentCode: '', nameEn: 'AICC', nameHi: '  ' })).toEqual({
      ok: true,
      unit: { code: 'IN', level: 'national', nameEn: 'AICC' },
    });
  });

  it('accepts a numeric panchayat code', () => {
    expect(sut({ code: '345001', level: 'panchayat', parentCode: 'JH-RAN-ANGARA', nameEn: 'Angara' })).toMatchObject({ ok: true });
  });

  it('hands out a frozen unit', () => {
    const result = sut({ code: 'JH', level: 'state', parentCode: 'IN', nameEn: 'Jharkhand' });

    expect(result.ok && Object.isFrozen(result.unit)).toBe(true);
  });

  it.each([
    [{ code: 'J', level: 'state', parentCode: 'IN', nameEn: 'x' }, 'code: a unit code is 2 to 32'],
    [{ code: 'JH RAN', level: 'district', parentCode: 'JH', nameEn: 'x' }, 'code: a unit code'],
    [{ code: 'JH', level: 'province', parentCode: 'IN', nameEn: 'x' }, 'the level is one of national, state'],
    [{ code: 'JH', level: 'state', parentCode: 'IN', nameEn: ' ' }, 'English name: is missing'],
    [{ code: 'JH', level: 'state', parentCode: 'IN', nameEn: 'a\u0000b' }, 'English name: contains control characters'],
    [{ code: 'JH', level: 'state', nameEn: 'Jharkhand' }, 'a state needs a parent'],
    [{ code: 'IN', level: 'national', parentCode: 'XX', nameEn: 'India' }, 'the national unit has no parent'],
  ])('refuses %j: %s', (input, reason) => {
    expect(sut(input)).toEqual({ ok: false, code: 'ORG.INVALID_UNIT', reason: expect.stringContaining(reason) });
  });
});

describe(canParent.name, () => {
  it.each([
    ['national', 'state'],
    ['state', 'district'],
    ['district', 'block'],
    ['block', 'panchayat'],
  ] as const)('lets a %s parent a %s', (parent, child) => {
    expect(canParent(parent, child)).toBe(true);
  });

  it('allows no other pair', () => {
    const allowed = UNIT_LEVELS.flatMap((parent) => UNIT_LEVELS.filter((child) => canParent(parent, child)).map((child) => `${parent}>${child}`));

    expect(allowed).toEqual(['national>state', 'state>district', 'district>block', 'block>panchayat']);
  });

  it('gives the national unit no parent level', () => {
    expect(parentLevelOf('national')).toBeUndefined();
  });
});
