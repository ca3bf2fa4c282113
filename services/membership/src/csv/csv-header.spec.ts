import { CsvHeader, isBlankRecord, type CsvColumns } from './csv-header';
import type { CsvRecord } from './csv-tokenizer';

type Column = 'code' | 'name' | 'phone';
const columns: CsvColumns<Column> = { required: ['code', 'name'], optional: ['phone'], aliases: { mobile: 'phone' } };
const row = (line: number, ...fields: string[]): CsvRecord => ({ ok: true, line, fields });

function header(...names: string[]): CsvHeader<Column> {
  const result = CsvHeader.read(row(1, ...names), columns);
  if (!result.ok) throw new Error(result.reason);
  return result.header;
}

describe(CsvHeader.name, () => {
  it('maps columns in any order, by normalised name or alias', () => {
    const sut = header(' Name ', 'MOBILE', 'Code');

    expect(sut.values(row(2, ' Ramesh ', '98123 48765', 'JH'))).toEqual({
      ok: true,
      values: { name: 'Ramesh', phone: '98123 48765', code: 'JH' },
    });
  });

  it('leaves out an optional column the file does not have', () => {
    const sut = header('code', 'name');

    expect(sut.has('phone')).toBe(false);
    expect(sut.values(row(2, 'JH', 'x'))).toEqual({ ok: true, values: { code: 'JH', name: 'x' } });
  });

  it('reports the columns it does not know, under their normalised names', () => {
    expect(header('code', 'name', 'Phone No', '', 'notes').ignored).toEqual(['phone_no', 'notes']);
  });

  it('refuses a header without a required column, naming every missing one', () => {
    expect(CsvHeader.read(row(1, 'phone'), columns)).toEqual({
      ok: false,
      line: 1,
      code: 'CSV.MISSING_COLUMN',
      reason: 'the header lacks the columns code, name',
    });
  });

  it('refuses a column given twice, also through an alias', () => {
    expect(CsvHeader.read(row(1, 'code', 'name', 'phone', 'Mobile'), columns)).toMatchObject({
      ok: false,
      code: 'CSV.DUPLICATE_COLUMN',
      reason: expect.stringContaining('"phone"'),
    });
  });

  it.each([
    ['fewer fields', ['JH']],
    ['a value past the last column', ['JH', 'Jharkhand', 'x']],
  ])('refuses a row with %s than the header', (_, fields) => {
    expect(header('code', 'name').values(row(7, ...fields))).toMatchObject({ ok: false, line: 7, code: 'CSV.FIELD_COUNT' });
  });

  it('accepts empty cells past the last column', () => {
    expect(header('code', 'name').values(row(2, 'JH', 'Jharkhand', '', ' '))).toEqual({
      ok: true,
      values: { code: 'JH', name: 'Jharkhand' },
    });
  });
});

describe(isBlankRecord.name, () => {
  it.each([
    [[''], true],
    [[' ', '', '\t'], true],
    [['', 'x'], false],
  ])('%j is blank: %s', (fields, blank) => {
    expect(isBlankRecord(row(1, ...fields))).toBe(blank);
  });
});
