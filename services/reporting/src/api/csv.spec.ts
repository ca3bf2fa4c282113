import { csvCell, csvRow } from './csv';

describe(csvCell.name, () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+91 98123', "'+91 98123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['प्रखंड', 'प्रखंड'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes empty for nothing, ISO for a date, and ends a row with CRLF', () => {
    expect(csvRow([undefined, null, new Date('2026-11-26T04:00:00.000Z'), 3])).toBe(',,2026-11-26T04:00:00.000Z,3\r\n');
  });
});
