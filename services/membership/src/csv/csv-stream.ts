import { CsvTokenizer, type CsvItem, type CsvTokenizerOptions } from './csv-tokenizer';

/** What a Node `Readable` yields: `Buffer`s, or strings once an encoding is set. */
export type CsvSource = AsyncIterable<Uint8Array | string>;

/**
 * The records of a UTF-8 stream, one chunk at a time: only the chunk being read and the record
 * being built are in memory, and nothing more is read until the consumer asks for the next record,
 * so a slow consumer holds the stream back. A byte-order mark is dropped. Bytes that are not UTF-8
 * (a file saved as Windows-1252) become U+FFFD, which row validation reports for the rows they
 * are in, instead of failing the whole file.
 */
export async function* readCsv(source: CsvSource, options?: CsvTokenizerOptions): AsyncGenerator<CsvItem> {
  const decoder = new TextDecoder('utf-8');
  const tokenizer = new CsvTokenizer(options);
  for await (const chunk of source) {
    yield* tokenizer.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* tokenizer.push(decoder.decode());
  yield* tokenizer.end();
}
