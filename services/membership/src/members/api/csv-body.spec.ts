import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BODY_TOO_LARGE, byteLimit } from './csv-body';

describe('byteLimit', () => {
  it('passes a body within the limit unchanged', async () => {
    await expect(text(Readable.from([Buffer.from('name,phone\n'), Buffer.from('a,b\n')]).pipe(byteLimit(100)))).resolves.toBe('name,phone\na,b\n');
  });

  it('fails a body over the limit with a code the controller answers 413 for', async () => {
    await expect(text(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]).pipe(byteLimit(100)))).rejects.toMatchObject({ code: BODY_TOO_LARGE });
  });
});
