import { readFileSync } from 'node:fs';
import { SEED_ORG_UNITS_PATH, seedTree } from './fixtures/org-units.fixtures';
import { importOrgUnitsCsv, orgTreeFromCsv, parseOrgUnitsCsv } from './org-units-csv';

const HEADER = 'code,level,parent_code,name_en,name_hi\r\n';

describe(parseOrgUnitsCsv.name, () => {
  const sut = parseOrgUnitsCsv;

  it('reads units with their lines, Hindi names, quoted commas and an empty Hindi name', () => {
    const text = `${HEADER}IN,national,,"All India Congress Committee (AICC)",अखिल भारतीय कांग्रेस कमेटी\r\nJH-SKK,district,JH,"Seraikela, Kharsawan",सरायकेला खरसावां\r\n\r\nJH-RAN-ANGARA,block,JH-RAN,Angara,\r\n`;

    expect(sut(text)).toEqual({
      units: [
        { line: 2, unit: { code: 'IN', level: 'national', nameEn: 'All India Congress Committee (AICC)', nameHi: 'अखिल भारतीय कांग्रेस कमेटी' } },
        { line: 3, unit: { code: 'JH-SKK', level: 'district', parentCode: 'JH', nameEn: 'Seraikela, Kharsawan', nameHi: 'सरायकेला खरसावां' } },
        { line: 5, unit: { code: 'JH-RAN-ANGARA', level: 'block', parentCode: 'JH-RAN', nameEn: 'Angara' } },
      ],
      problems: [],
    });
  });

  it('reads a file without the name_hi column, with columns in another order', () => {
    expect(sut('name_en,code,parent_code,level\nJonha,345002,JH-RAN-ANGARA,panchayat\n').units).toEqual([
      { line: 2, unit: { code: '345002', level: 'panchayat', parentCode: 'JH-RAN-ANGARA', nameEn: 'Jonha' } },
    ]);
  });

  it('reports bad lines with their numbers and keeps the good ones', () => {
    const text = `${HEADER}JH,state,IN,Jharkhand,झारखंड\nXX,county,JH,Somewhere,\nJH-RAN,district,JH,Ranchi\nJH-KHU,district,JH,,खूंटी\n"JH-GUM,district,JH,Gumla,`;

    const { units, problems } = sut(text);

    expect(units.map(({ line }) => line)).toEqual([2]);
    expect(problems).toEqual([
      { ok: false, line: 3, code: 'ORG.INVALID_UNIT', reason: expect.stringContaining('the level is one of') },
      { ok: false, line: 4, code: 'CSV.FIELD_COUNT', reason: expect.stringContaining('4 fields') },
      { ok: false, line: 5, code: 'ORG.INVALID_UNIT', reason: 'English name: is missing' },
      { ok: false, line: 6, code: 'CSV.UNTERMINATED_QUOTE', reason: expect.any(String) },
    ]);
  });

  it.each([
    ['', 'CSV.EMPTY_FILE'],
    ['code,level,name_en\nJH,state,Jharkhand\n', 'CSV.MISSING_COLUMN'],
  ])('refuses the file %j', (text, code) => {
    expect(sut(text)).toEqual({ units: [], problems: [expect.objectContaining({ line: 1, code })] });
  });
});

describe(orgTreeFromCsv.name, () => {
  const sut = orgTreeFromCsv;

  it('loads the seed copied into the service', () => {
    const result = sut(readFileSync(SEED_ORG_UNITS_PATH, 'utf8'));

    expect(result.ok).toBe(true);
  });

  it('reports a unit that does not fit the tree at its line', () => {
    const text = `${HEADER}IN,national,,India,\nJH,state,IN,Jharkhand,\nJH-RAN-ANGARA,block,JH,Angara,\n`;

    expect(sut(text)).toEqual({
      ok: false,
      code: 'ORG.INVALID_FILE',
      reason: 'the units file has 1 problem',
      problems: [{ ok: false, line: 4, code: 'ORG.LEVEL_ORDER', reason: 'JH-RAN-ANGARA: a block belongs under a district, and JH is a state' }],
    });
  });

  it('builds no tree from a file with a bad line', () => {
    expect(sut(`${HEADER}IN,national,,India,\nJH,state,,Jharkhand,\n`)).toMatchObject({
      ok: false,
      problems: [{ line: 3, code: 'ORG.INVALID_UNIT', reason: 'a state needs a parent' }],
    });
  });

  it('needs a national unit', () => {
    expect(sut(`${HEADER}JH,state,IN,Jharkhand,\n`)).toMatchObject({ ok: false, problems: [{ line: 1, code: 'ORG.NO_NATIONAL' }] });
  });
});

describe(importOrgUnitsCsv.name, () => {
  const sut = importOrgUnitsCsv;
  const panchayats = `${HEADER}345002,panchayat,JH-RAN-ANGARA,Jonha,जोन्हा\n345001,panchayat,JH-RAN-ANGARA,Angara,अनगड़ा\n345999,panchayat,JH-RAN-NOPE,Lost,\n345003,panchayat,JH-RAN,Under a district,\nJH-RAN-ANGARA,block,JH-RAN,Angara,अनगड़ा\n`;

  it('adds the good lines, names the Hindi block, and reports the bad ones by line', () => {
    const tree = seedTree();

    const result = sut(tree, panchayats);

    expect(result).toEqual({
      added: ['345002', '345001'],
      renamed: ['JH-RAN-ANGARA'],
      unchanged: [],
      problems: [
        { ok: false, line: 4, code: 'ORG.UNKNOWN_PARENT', reason: '345999: its parent JH-RAN-NOPE is not a known unit' },
        { ok: false, line: 5, code: 'ORG.LEVEL_ORDER', reason: expect.stringContaining('345003: a panchayat belongs under a block') },
      ],
    });
    expect(tree.countByLevel().panchayat).toBe(2);
  });

  it('changes nothing the second time', () => {
    const tree = seedTree();
    sut(tree, panchayats);

    const again = sut(tree, panchayats);

    expect(again.added).toEqual([]);
    expect(again.unchanged).toEqual(['345002', '345001', 'JH-RAN-ANGARA']);
    expect(tree.countByLevel().panchayat).toBe(2);
  });

  it('adds a new state', () => {
    const tree = seedTree();

    expect(sut(tree, `${HEADER}OD,state,IN,Odisha,ओडिशा\n`)).toMatchObject({ added: ['OD'], problems: [] });
    expect(tree.findByName('ओडिशा')).toEqual({ kind: 'found', unit: tree.get('OD') });
  });
});
