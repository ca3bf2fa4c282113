import { Readable } from 'node:stream';
import { readBodyText, UNITS_FILE_TOO_LARGE } from './read-body';

describe(readBodyText.name, () => {
  it('reads the body as UTF-8, characters split across chunks included', async () => {
    const bytes = Buffer.from('code,name_hi\nJH,झारखंड\n');
    await expect(readBodyText(Readable.from([bytes.subarray(0, 15), bytes.subarray(15)]), 100)).resolves.toBe('code,name_hi\nJH,झारखंड\n');
  });

  it('fails past the limit', async () => {
    await expect(readBodyText(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), 100)).rejects.toMatchObject({ code: UNITS_FILE_TOO_LARGE });
  });
});
