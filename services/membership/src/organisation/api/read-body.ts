import type { Readable } from 'node:stream';

export const UNITS_FILE_TOO_LARGE = 'ORG.IMPORT_TOO_LARGE';

/** The whole body as UTF-8 text, failing with UNITS_FILE_TOO_LARGE past `maxBytes`. */
export async function readBodyText(body: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      throw Object.assign(new Error(`more than ${maxBytes} bytes`), { code: UNITS_FILE_TOO_LARGE });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
