import { chooseLanguage, normalizeLanguage } from './language';

describe(chooseLanguage.name, () => {
  it.each([
    ['hi', ['hi', 'en'], 'hi'],
    ['en', ['hi', 'en'], 'en'],
    ['en-IN', ['hi', 'en'], 'en'],
    ['EN_us', ['hi', 'en'], 'en'],
    ['hi-Latn', ['hi', 'en'], 'hi'],
    ['und', ['hi', 'en'], 'hi'],
    ['ta', ['hi', 'en'], 'hi'],
    [undefined, ['hi', 'en'], 'hi'],
    ['en', ['hi'], 'hi'],
    ['hi', ['en'], 'en'],
    ['en', [], undefined],
  ] as const)('%s among %j → %s', (preferred, available, expected) => {
    expect(chooseLanguage(preferred, available)).toBe(expected);
  });
});

describe(normalizeLanguage.name, () => {
  it('keeps the primary subtag only', () => {
    expect(normalizeLanguage(' hi-IN ')).toBe('hi');
  });
});
