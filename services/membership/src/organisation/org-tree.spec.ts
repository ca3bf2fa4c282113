import { jharkhandTree, seedTree, unit } from './fixtures/org-units.fixtures';
import { OrgTree, type FindUnitOptions, type UnitMatch } from './org-tree';

const small = [
  unit('JH-RAN-ANGARA', 'block', 'JH-RAN', 'Angara'),
  unit('JH-RAN', 'district', 'JH', 'Ranchi', 'रांची'),
  unit('IN', 'national', undefined, 'AICC'),
  unit('JH', 'state', 'IN', 'Jharkhand', 'झारखंड'),
];

function built(units = small): OrgTree {
  const result = OrgTree.build(units);
  if (!result.ok) throw new Error(result.reason);
  return result.tree;
}

const codes = (match: UnitMatch) =>
  match.kind === 'found' ? [match.unit.code] : match.kind === 'ambiguous' ? match.candidates.map(({ code }) => code) : [];

describe(OrgTree.name, () => {
  describe('build', () => {
    it('builds from units in any order, children before parents', () => {
      const sut = built();

      expect(sut.size).toBe(4);
      expect(sut.root.code).toBe('IN');
      expect(sut.pathOf('JH-RAN-ANGARA')).toEqual(['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA']);
    });

    it('refuses units without a national one', () => {
      expect(OrgTree.build(small.slice(0, 2))).toMatchObject({ ok: false, code: 'ORG.NO_NATIONAL' });
    });

    it('reports every invalid unit with its position, and builds no tree', () => {
      const result = OrgTree.build([
        ...small,
        unit('JH', 'state', 'IN', 'Jharkhand again'),
        unit('XX', 'national', undefined, 'Another India'),
        unit('JH-X', 'district', 'JH-NOPE', 'Nowhere'),
        unit('JH-RAN-BAD', 'block', 'JH', 'Block under a state'),
      ]);

      expect(result).toMatchObject({
        ok: false,
        code: 'ORG.INVALID_UNITS',
        problems: [
          { index: 4, unitCode: 'JH', code: 'ORG.DUPLICATE_CODE' },
          { index: 5, unitCode: 'XX', code: 'ORG.SECOND_NATIONAL' },
          { index: 6, unitCode: 'JH-X', code: 'ORG.UNKNOWN_PARENT', reason: 'its parent JH-NOPE is not a known unit' },
          {
            index: 7,
            unitCode: 'JH-RAN-BAD',
            code: 'ORG.LEVEL_ORDER',
            reason: 'a block belongs under a district, and JH is a state',
          },
        ],
      });
    });
  });

  describe('addAll', () => {
    it('adds new units in any order and says what it did', () => {
      const sut = built();

      const result = sut.addAll([
        unit('345002', 'panchayat', 'JH-RAN-KANKE', 'Pithoria'),
        unit('JH-RAN-KANKE', 'block', 'JH-RAN', 'Kanke'),
      ]);

      expect(result).toEqual({ added: ['JH-RAN-KANKE', '345002'], renamed: [], unchanged: [], problems: [] });
      expect(sut.parentOf('345002')?.code).toBe('JH-RAN-KANKE');
    });

    it('changes nothing when the same units come again', () => {
      const sut = built();

      expect(sut.addAll(small)).toEqual({ added: [], renamed: [], unchanged: ['JH-RAN-ANGARA', 'JH-RAN', 'IN', 'JH'], problems: [] });
      expect(sut.size).toBe(4);
    });

    it('renames a known unit and finds it by its new names only', () => {
      const sut = built();

      expect(sut.add(unit('JH-RAN-ANGARA', 'block', 'JH-RAN', 'Angara Block', 'अनगड़ा'))).toMatchObject({ renamed: ['JH-RAN-ANGARA'] });
      expect(sut.findByName('Angara')).toEqual({ kind: 'not-found' });
      expect(codes(sut.findByName('अनगड़ा'))).toEqual(['JH-RAN-ANGARA']);
      expect(codes(sut.findByName('angara block'))).toEqual(['JH-RAN-ANGARA']);
    });

    it('keeps a Hindi name when the unit comes again without one', () => {
      const sut = built();

      expect(sut.add(unit('JH-RAN', 'district', 'JH', 'Ranchi'))).toMatchObject({ unchanged: ['JH-RAN'] });
      expect(sut.get('JH-RAN')?.nameHi).toBe('रांची');
    });

    it('refuses to move a unit or change its level', () => {
      const sut = built();

      expect(sut.add(unit('JH-RAN-ANGARA', 'block', 'JH', 'Angara')).problems).toEqual([
        {
          ok: false,
          index: 0,
          unitCode: 'JH-RAN-ANGARA',
          code: 'ORG.CODE_CONFLICT',
          reason: 'JH-RAN-ANGARA is already a block under JH-RAN; a unit cannot move or change level',
        },
      ]);
      expect(sut.add(unit('JH-RAN', 'block', 'JH', 'Ranchi')).problems[0].code).toBe('ORG.CODE_CONFLICT');
      expect(sut.parentOf('JH-RAN-ANGARA')?.code).toBe('JH-RAN');
    });

    it('refuses a unit whose parent was refused, and adds the good ones of the same batch', () => {
      const sut = built();

      const result = sut.addAll([
        unit('JH-KHU', 'district', 'JH-RAN', 'Khunti'),
        unit('JH-KHU-ARKI', 'block', 'JH-KHU', 'Arki'),
        unit('JH-RAN-KANKE', 'block', 'JH-RAN', 'Kanke'),
      ]);

      expect(result.added).toEqual(['JH-RAN-KANKE']);
      expect(result.problems.map(({ unitCode, code }) => [unitCode, code])).toEqual([
        ['JH-KHU', 'ORG.LEVEL_ORDER'],
        ['JH-KHU-ARKI', 'ORG.PARENT_REJECTED'],
      ]);
      expect(sut.has('JH-KHU-ARKI')).toBe(false);
    });

    it('refuses units that descend from each other', () => {
      const sut = built();

      const result = sut.addAll([unit('A-1', 'block', 'A-2', 'One'), unit('A-2', 'district', 'A-1', 'Two'), unit('A-3', 'block', 'A-3', 'Self')]);

      expect(result.added).toEqual([]);
      expect(result.problems.map(({ unitCode, code }) => [unitCode, code])).toEqual([
        ['A-1', 'ORG.PARENT_REJECTED'],
        ['A-2', 'ORG.CYCLE'],
        ['A-3', 'ORG.CYCLE'],
      ]);
    });
  });

  describe('subtree', () => {
    const sut = jharkhandTree();

    it('gives the path from the national unit down', () => {
      expect(sut.pathOf('jh-ran-angara')).toEqual(['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA']);
      expect(sut.pathOf('345001')).toEqual(['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA', '345001']);
      expect(sut.pathOf('IN')).toEqual(['IN']);
      expect(sut.pathOf('NOPE')).toBeUndefined();
    });

    it('gives the ancestors nearest first', () => {
      expect(sut.ancestorsOf('345001').map(({ code }) => code)).toEqual(['JH-RAN-ANGARA', 'JH-RAN', 'JH', 'IN']);
      expect(sut.ancestorsOf('IN')).toEqual([]);
    });

    it.each([
      ['345001', 'JH-RAN', true],
      ['345001', 'JH-RAN-ANGARA', true],
      ['345001', '345001', true],
      ['345001', 'IN', true],
      ['JH-RAN', '345001', false],
      ['345001', 'JH-KHU', false],
      ['346201', 'JH-RAN', false],
      ['JH-RAN-ANGARA', 'JH-RAN-KANKE', false],
      ['JH-RAN', 'BR', false],
      ['NOPE', 'IN', false],
      ['JH-RAN', 'NOPE', false],
    ])('isWithin(%s, %s) is %s', (code, ancestor, within) => {
      expect(sut.isWithin(code, ancestor)).toBe(within);
    });

    it('reads the parent links, not the codes', () => {
      const tree = built();
      tree.addAll([unit('JH-KHU', 'district', 'JH', 'Khunti'), unit('JH-KHU-ARKI', 'block', 'JH-KHU', 'Arki'), unit('JH-RAN-X', 'panchayat', 'JH-KHU-ARKI', 'X')]);

      expect(tree.isWithin('JH-RAN-X', 'JH-RAN')).toBe(false);
      expect(tree.isWithin('JH-RAN-X', 'JH-KHU')).toBe(true);
    });

    it('lists children and descendants', () => {
      expect(sut.childrenOf('JH-RAN').map(({ code }) => code)).toContain('JH-RAN-ANGARA');
      expect(sut.childrenOf('JH-RAN')).toHaveLength(18);
      expect(sut.childrenOf('JH-RAN-ANGARA').map(({ code }) => code)).toEqual(['345001', '345002']);
      expect([...sut.descendantsOf('JH-RAN')]).toHaveLength(18 + 3);
      expect(sut.childrenOf('NOPE')).toEqual([]);
    });
  });

  describe('findByName', () => {
    const sut = jharkhandTree();

    it.each([
      ['Ranchi', 'JH-RAN'],
      ['RANCHI', 'JH-RAN'],
      ['  ranchi. ', 'JH-RAN'],
      ['रांची', 'JH-RAN'],
      ['झारखंड', 'JH'],
      ['Jhārkhaṇḍ', 'JH'],
      ['Kanke', 'JH-RAN-KANKE'],
      ['कांके', 'JH-RAN-KANKE'],
      ['Pithoria', '345101'],
      ['पिठोरिया', '345101'],
      ['Jari', 'JH-GUM-ALBERT-EKKA-JARI'],
      ['Albert Ekka', 'JH-GUM-ALBERT-EKKA-JARI'],
      ['jh-ran-angara', 'JH-RAN-ANGARA'],
      ['AICC', 'IN'],
    ])('finds %j', (query, code) => {
      expect(sut.findByName(query)).toEqual({ kind: 'found', unit: sut.get(code) });
    });

    it.each([
      ['Chainpur', ['JH-GUM-CHAINPUR', 'JH-PAL-CHAINPUR']],
      ['Dumri', ['JH-GIR-DUMRI', 'JH-GUM-DUMRI']],
      ['Ramgarh', ['JH-DUM-RAMGARH', 'JH-PAL-RAMGARH', 'JH-RAM', 'JH-RAM-RAMGARH']],
      ['Angara', ['345001', 'JH-RAN-ANGARA']],
      ['अनगड़ा', ['345001', 'JH-RAN-ANGARA']],
      ['अनगडा', ['345001', 'JH-RAN-ANGARA']],
      ['Jonha', ['345002', '346201']],
    ])('reports every unit called %j instead of guessing', (query, candidates) => {
      const match = sut.findByName(query);

      expect(match.kind).toBe('ambiguous');
      expect(codes(match)).toEqual(candidates);
    });

    it.each([
      ['Chainpur, Palamu', 'JH-PAL-CHAINPUR'],
      ['Chainpur,Gumla', 'JH-GUM-CHAINPUR'],
      ['Ramgarh, Ramgarh', 'JH-RAM-RAMGARH'],
      ['Ramgarh, Dumka, Jharkhand', 'JH-DUM-RAMGARH'],
      ['Angara, Angara', '345001'],
      ['Jonha, Khunti', '346201'],
      ['जोन्हा, रांची', '345002'],
      ['Jonha, JH-KHU-ARKI', '346201'],
      ['Chainpur, ', 'JH-GUM-CHAINPUR'],
    ])('narrows %j down by the names of ancestors', (query, code) => {
      const match = sut.findByName(query, query === 'Chainpur, ' ? { within: 'JH-GUM' } : {});

      expect(codes(match)).toEqual([code]);
      expect(match.kind).toBe('found');
    });

    it('narrows down by level and by subtree', () => {
      expect(codes(sut.findByName('Angara', { levels: ['block'] }))).toEqual(['JH-RAN-ANGARA']);
      expect(codes(sut.findByName('Ramgarh', { levels: ['district'] }))).toEqual(['JH-RAM']);
      expect(codes(sut.findByName('Jonha', { within: 'JH-KHU' }))).toEqual(['346201']);
    });

    it.each<[string, FindUnitOptions?]>([['Chainpur, Bihar'], ['Angara, Khunti'], ['Nowhere'], [''], [' , '], ['Ranchi', { levels: ['block'] }]])(
      'finds nothing for %j',
      (query, options = {}) => {
        expect(sut.findByName(query, options)).toEqual({ kind: 'not-found' });
      },
    );
  });

  it('names a unit with its ancestors, in English or Hindi where known', () => {
    const sut = jharkhandTree();

    expect(sut.qualifiedName('JH-PAL-CHAINPUR')).toBe('Chainpur, Palamu, Jharkhand');
    expect(sut.qualifiedName('345001', 'hi')).toBe('अनगड़ा, अनगड़ा, रांची, झारखंड');
    expect(sut.qualifiedName('JH-GUM-DUMRI', 'hi')).toBe('Dumri, गुमला, झारखंड');
    expect(sut.qualifiedName('IN')).toBe('All India Congress Committee (AICC)');
    expect(sut.qualifiedName('NOPE')).toBeUndefined();
  });

  it('counts units by level', () => {
    expect(seedTree().countByLevel()).toEqual({ national: 1, state: 8, district: 24, block: 264, panchayat: 0 });
  });
});
