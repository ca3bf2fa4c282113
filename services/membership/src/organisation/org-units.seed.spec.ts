import { readFileSync } from 'node:fs';
import { SEED_ORG_UNITS_PATH } from './fixtures/org-units.fixtures';
import { orgTreeFromCsv, parseOrgUnitsCsv } from './org-units-csv';

/** The reference data the service is seeded from (`data/org-units.csv`). */
describe('org-units seed', () => {
  const text = readFileSync(SEED_ORG_UNITS_PATH, 'utf8');
  const loaded = orgTreeFromCsv(text);
  if (!loaded.ok) throw new Error(loaded.problems.map((problem) => `${problem.line}: ${problem.reason}`).join('\n'));
  const sut = loaded.tree;

  it('loads into a valid tree: 1 national, 8 states, 24 districts, 264 blocks', () => {
    expect(sut.countByLevel()).toEqual({ national: 1, state: 8, district: 24, block: 264, panchayat: 0 });
    expect(sut.root.code).toBe('IN');
  });

  it('has the 8 states and UTs of the Sangathan Srijan meeting, with Hindi names', () => {
    expect(sut.childrenOf('IN').map(({ code, nameHi }) => [code, Boolean(nameHi)])).toEqual([
      ['JH', true],
      ['AS', true],
      ['BR', true],
      ['UP', true],
      ['UK', true],
      ['WB', true],
      ['LA', true],
      ['JK', true],
    ]);
  });

  it("puts Jharkhand's 24 districts under it, each with blocks", () => {
    const districts = sut.childrenOf('JH');

    expect(districts).toHaveLength(24);
    expect(districts.every((district) => district.nameHi && sut.childrenOf(district.code).length > 0)).toBe(true);
    expect([...sut.descendantsOf('JH')].filter(({ level }) => level === 'block')).toHaveLength(264);
  });

  it('has every line of the file in the tree', () => {
    const { units, problems } = parseOrgUnitsCsv(text);

    expect(problems).toEqual([]);
    expect(units).toHaveLength(297);
    expect(sut.size).toBe(297);
  });
});
