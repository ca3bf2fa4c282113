import { duplicateIndexes, isDuplicateKeyError } from './duplicate-key';

describe('duplicate keys', () => {
  it('names the positions that were already stored', () => {
    const error = Object.assign(new Error('E11000'), { writeErrors: [{ index: 0, code: 11000 }, { index: 3, code: 11000 }] });
    expect(duplicateIndexes(error)).toEqual(new Set([0, 3]));
  });

  it('rethrows when any failure is something else, or when there is no write error at all', () => {
    const mixed = Object.assign(new Error('mixed'), { writeErrors: [{ index: 0, code: 11000 }, { index: 1, code: 121 }] });
    expect(() => duplicateIndexes(mixed)).toThrow('mixed');
    expect(() => duplicateIndexes(new Error('network'))).toThrow('network');
  });

  it('recognises a single duplicate-key error', () => {
    expect(isDuplicateKeyError(Object.assign(new Error(), { code: 11000 }))).toBe(true);
    expect(isDuplicateKeyError(new Error())).toBe(false);
  });
});
