import { CsvTokenizer, tokenizeCsv, type CsvItem } from './csv-tokenizer';

const record = (line: number, ...fields: string[]): CsvItem => ({ ok: true, line, fields });

/** The same text pushed in pieces split at every position must give the same records. */
function splitEverywhere(text: string): CsvItem[][] {
  const results: CsvItem[][] = [];
  for (let cut = 0; cut <= text.length; cut++) {
    const sut = new CsvTokenizer();
    results.push([...sut.push(text.slice(0, cut)), ...sut.push(text.slice(cut)), ...sut.end()]);
  }
  return results;
}

describe(CsvTokenizer.name, () => {
  const sut = tokenizeCsv;

  it('reads records with their physical line numbers', () => {
    expect(sut('code,name\nJH,Jharkhand\nBR,Bihar\n')).toEqual([
      record(1, 'code', 'name'),
      record(2, 'JH', 'Jharkhand'),
      record(3, 'BR', 'Bihar'),
    ]);
  });

  it.each([
    ['LF', 'a,b\nc,d\n'],
    ['CRLF', 'a,b\r\nc,d\r\n'],
    ['lone CR', 'a,b\rc,d\r'],
    ['no final line break', 'a,b\nc,d'],
  ])('reads %s line endings', (_, text) => {
    expect(sut(text)).toEqual([record(1, 'a', 'b'), record(2, 'c', 'd')]);
  });

  it('skips blank lines but counts them', () => {
    expect(sut('a\n\n\r\nb\n\n')).toEqual([record(1, 'a'), record(4, 'b')]);
  });

  it('keeps empty fields, also at the end of a row', () => {
    expect(sut('JH-RAN-ANGARA,block,JH-RAN,Angara,\n,,\n')).toEqual([
      record(1, 'JH-RAN-ANGARA', 'block', 'JH-RAN', 'Angara', ''),
      record(2, '', '', ''),
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, numbering the next record after them', () => {
    const text = 'name,note\n"Kumar, Ramesh","He said ""JOIN"""\n"two\r\nlines","x"\nlast,row\n';

    expect(sut(text)).toEqual([
      record(1, 'name', 'note'),
      record(2, 'Kumar, Ramesh', 'He said "JOIN"'),
      record(3, 'two\r\nlines', 'x'),
      record(5, 'last', 'row'),
    ]);
  });

  it('reads an empty quoted field as an empty string', () => {
    expect(sut('"",a\n""\n')).toEqual([record(1, '', 'a'), record(2, '')]);
  });

  it('keeps a quote inside an unquoted field as text, as spreadsheets write it', () => {
    expect(sut('Ramesh "Babu" Kumar,5\'6"\n')).toEqual([record(1, 'Ramesh "Babu" Kumar', '5\'6"')]);
  });

  it('reads Hindi text, emoji and a byte-order mark', () => {
    expect(sut('\uFEFFcode,name_hi\nJH,झारखंड 🙏\n')).toEqual([record(1, 'code', 'name_hi'), record(2, 'JH', 'झारखंड 🙏')]);
  });

  it('reports text after a closing quote, and goes on with the next record', () => {
    expect(sut('a,"b"c,d\ne,f\n')).toEqual([
      { ok: false, line: 1, code: 'CSV.TEXT_AFTER_QUOTE', reason: expect.stringContaining('""') },
      record(2, 'e', 'f'),
    ]);
  });

  it('reports a quote left open at the end of the file at the line it opened', () => {
    expect(sut('a,b\nc,"d\ne,f\n')).toEqual([
      record(1, 'a', 'b'),
      { ok: false, line: 2, code: 'CSV.UNTERMINATED_QUOTE', reason: expect.any(String) },
    ]);
  });

  it('stops a record at maxRecordLength and resumes at the next line', () => {
    const sut = new CsvTokenizer({ maxRecordLength: 20 });
    const items = [...sut.push(`ok,1\n"${'x'.repeat(15)}\n${'y'.repeat(30)}\nnext,2\n`), ...sut.end()];

    expect(items).toEqual([
      record(1, 'ok', '1'),
      { ok: false, line: 2, code: 'CSV.RECORD_TOO_LONG', reason: expect.stringContaining('20 characters') },
      record(4, 'next', '2'),
    ]);
  });

  it('resumes on the line break where a quoted record overflows', () => {
    const sut = new CsvTokenizer({ maxRecordLength: 5 });
    const items = [...sut.push('"12345\r\nnext,2\n'), ...sut.end()];

    expect(items).toEqual([expect.objectContaining({ line: 1, code: 'CSV.RECORD_TOO_LONG' }), record(2, 'next', '2')]);
  });

  it('gives the same records however the text is split into chunks', () => {
    const text = '\uFEFFa,"b,\r\nc"\r\n\r\n"d""e",f\rg,"h"\n"i"j,k\n';
    const whole = sut(text);

    expect(whole).toEqual([
      record(1, 'a', 'b,\r\nc'),
      record(4, 'd"e', 'f'),
      record(5, 'g', 'h'),
      expect.objectContaining({ line: 6, code: 'CSV.TEXT_AFTER_QUOTE' }),
    ]);
    for (const pieces of splitEverywhere(text)) expect(pieces).toEqual(whole);
  });

  it('reads a chunk of one character at a time', () => {
    const sut = new CsvTokenizer();
    const items = [...'x,"y\r\nz"\r\nw'].flatMap((char) => sut.push(char));

    expect([...items, ...sut.end()]).toEqual([record(1, 'x', 'y\r\nz'), record(3, 'w')]);
  });

  it('reads nothing from an empty text or blank lines only', () => {
    expect(sut('')).toEqual([]);
    expect(sut('\n\r\n\n')).toEqual([]);
  });
});
