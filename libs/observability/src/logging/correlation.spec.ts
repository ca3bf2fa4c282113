import { acceptOrCreateCorrelationId, currentCorrelationId, runWithCorrelationId } from './correlation';

describe('correlation id', () => {
  it('keeps a well-formed id from the caller', () => {
    expect(acceptOrCreateCorrelationId('req-12345678')).toBe('req-12345678');
  });

  it.each([undefined, '', 'short', 'has spaces in it', 'x'.repeat(129), '<script>alert(1)</script>', ['a', 'b']])(
    'replaces an unusable id (%p) with a fresh uuid',
    (candidate) => {
      expect(acceptOrCreateCorrelationId(candidate)).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('is visible to everything run inside its scope, and only there', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    const seen = await runWithCorrelationId('corr-abcdefgh', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentCorrelationId();
    });
    expect(seen).toBe('corr-abcdefgh');
    expect(currentCorrelationId()).toBeUndefined();
  });
});
