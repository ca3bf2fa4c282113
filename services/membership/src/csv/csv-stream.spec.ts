import { Readable } from 'node:stream';
import { readCsv } from './csv-stream';
import type { CsvItem } from './csv-tokenizer';

async function collect(source: AsyncIterable<Uint8Array | string>): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  for await (const item of readCsv(source)) items.push(item);
  return items;
}

describe(readCsv.name, () => {
  it('decodes UTF-8 split inside a character and drops the byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFFcode,name_hi\r\nJH,झारखंड\r\n', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));

    expect(await collect(Readable.from(chunks))).toEqual([
      { ok: true, line: 1, fields: ['code', 'name_hi'] },
      { ok: true, line: 2, fields: ['JH', 'झारखंड'] },
    ]);
  });

  it('reads a stream that already yields strings', async () => {
    const source = Readable.from(['a,b\n', 'c,d']);

    expect(await collect(source)).toEqual([
      { ok: true, line: 1, fields: ['a', 'b'] },
      { ok: true, line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('turns bytes that are not UTF-8 into U+FFFD instead of failing the file', async () => {
    const windows1252 = Buffer.from([0x61, 0x2c, 0xe9, 0x0a, 0x62, 0x2c, 0x63, 0x0a]);

    expect(await collect(Readable.from([windows1252]))).toEqual([
      { ok: true, line: 1, fields: ['a', '\uFFFD'] },
      { ok: true, line: 2, fields: ['b', 'c'] },
    ]);
  });

  it('reads no further than the record asked for', async () => {
    let pulled = 0;
    async function* source() {
      for (let index = 0; index < 1000; index++) {
        pulled += 1;
        yield `row,${index}\n`;
      }
    }
    const records = readCsv(source());

    await records.next();
    await records.next();
    await records.return(undefined);

    expect(pulled).toBe(2);
  });
});
