import { seedTree } from '../fixtures/org-units.fixtures';
import { planUnitsImport } from './units-import';

const HEADER = 'code,level,parent_code,name_en,name_hi';
const file = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe(planUnitsImport.name, () => {
  const sut = planUnitsImport;

  it('adds panchayats under blocks of the caller’s district and refuses, by line, those outside', () => {
    const tree = seedTree();
    const plan = sut(tree, 'JH-RAN', file('345001,panchayat,JH-RAN-ANGARA,Angara,अनगड़ा', '350001,panchayat,JH-DHN-BAGHMARA,Baghmara,', '345002,panchayat,JH-RAN-ANGARA,Jonha,जोन्हा'));
    expect(plan.added.map((unit) => unit.code)).toEqual(['345001', '345002']);
    expect(plan.errors).toEqual([
      { ok: false, line: 3, code: 'ACCESS.OUTSIDE_SUBTREE', reason: '350001: its parent JH-DHN-BAGHMARA is outside JH-RAN, the unit you manage' },
    ]);
    expect(plan.rowsRead).toBe(3);
    expect(plan.tree.pathOf('345002')).toEqual(['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA', '345002']);
    expect(tree.has('345001')).toBe(false);
  });

  it('adds a new block with its panchayats, parents first, whatever the order of the lines', () => {
    const plan = sut(seedTree(), 'JH-RAN', file('399001,panchayat,JH-RAN-NEWBLOCK,Naya Gaon,', 'JH-RAN-NEWBLOCK,block,JH-RAN,New Block,'));
    expect(plan.added.map((unit) => unit.code)).toEqual(['JH-RAN-NEWBLOCK', '399001']);
    expect(plan.errors).toEqual([]);
  });

  it('refuses a panchayat under a block a district president may not add', () => {
    const plan = sut(seedTree(), 'JH-RAN', file('399001,panchayat,JH-DHN-NEWBLOCK,Naya Gaon,', 'JH-DHN-NEWBLOCK,block,JH-DHN,New Block,'));
    expect(plan.added).toEqual([]);
    expect(plan.errors.map(({ line, reason }) => [line, reason])).toEqual([
      [2, '399001: its parent JH-DHN-NEWBLOCK (added under JH-DHN) is outside JH-RAN, the unit you manage'],
      [3, 'JH-DHN-NEWBLOCK: its parent JH-DHN is outside JH-RAN, the unit you manage'],
    ]);
  });

  it('lets AICC add a state, and nobody else', () => {
    const row = 'OD,state,IN,Odisha,ओडिशा';
    expect(sut(seedTree(), 'IN', file(row)).added.map((unit) => unit.code)).toEqual(['OD']);
    expect(sut(seedTree(), 'JH', file(row)).errors).toMatchObject([{ line: 2, code: 'ACCESS.OUTSIDE_SUBTREE' }]);
  });

  it('renames within the subtree: Hindi names for blocks', () => {
    const plan = sut(seedTree(), 'JH-RAN', file('JH-RAN-ANGARA,block,JH-RAN,Angara,अनगड़ा', 'JH-RAN-KANKE,block,JH-RAN,Kanke,'));
    expect(plan.renamed).toEqual([{ code: 'JH-RAN-ANGARA', level: 'block', parentCode: 'JH-RAN', nameEn: 'Angara', nameHi: 'अनगड़ा' }]);
    expect(plan.unchanged).toEqual(['JH-RAN-KANKE']);
  });

  it('changes nothing when the same file comes again', () => {
    const tree = seedTree();
    const text = file('345001,panchayat,JH-RAN-ANGARA,Angara,अनगड़ा');
    tree.addAll(sut(tree, 'JH-RAN', text).added);
    expect(sut(tree, 'JH-RAN', text)).toMatchObject({ added: [], renamed: [], unchanged: ['345001'], errors: [] });
  });

  it('reports the tree’s problems and bad lines by line', () => {
    const plan = sut(seedTree(), 'JH', file('345001,panchayat,JH-RAN,Wrong Level,', 'JH-RAN-KANKE,block,JH-KHU,Kanke,', '345003,village,JH-RAN-ANGARA,X,', '345004,panchayat,JH-RAN-NOWHERE,Y,'));
    expect(plan.errors.map(({ line, code }) => [line, code])).toEqual([
      [2, 'ORG.LEVEL_ORDER'],
      [3, 'ORG.CODE_CONFLICT'],
      [4, 'ORG.INVALID_UNIT'],
      [5, 'ORG.UNKNOWN_PARENT'],
    ]);
    expect(plan.rowsRead).toBe(4);
  });

  it('refuses a file without the required columns at line 1', () => {
    expect(sut(seedTree(), 'IN', 'code,name\nX,Y')).toMatchObject({ rowsRead: 0, errors: [{ line: 1 }] });
  });
});
