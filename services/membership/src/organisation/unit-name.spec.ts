import { nameKey, nameKeys } from './unit-name';

describe(nameKey.name, () => {
  const sut = nameKey;

  it.each([
    ['Angara', 'ANGARA', 'angara'],
    ['Jhārkhaṇḍ', 'Jharkhand', 'jharkhand'],
    ['  East   Singhbhum ', 'east-singhbhum', 'east singhbhum'],
    ['Seraikela Kharsawan.', 'seraikela, kharsawan', 'seraikela kharsawan'],
    ['अनगड़ा', 'अनगडा', 'अनगडा'],
    ['खूँटी', 'खूंटी', 'खूंटी'],
    ['\u095B\u092E\u0940\u0928', '\u091C\u093C\u092E\u0940\u0928', 'जमीन'],
    ['झार\u200Dखंड', 'झारखंड', 'झारखंड'],
  ])('reads %j and %j as the same name', (a, b, key) => {
    expect(sut(a)).toBe(key);
    expect(sut(b)).toBe(key);
  });

  it('keeps Devanagari vowel signs, which tell names apart', () => {
    expect(sut('रांची')).not.toBe(sut('रंच'));
    expect(sut('गुमला')).not.toBe(sut('गमल'));
  });

  it.each([['Kanke'], ['Khunti']])('keeps different names apart: %s', (name) => {
    expect(sut(name)).not.toBe(sut('Angara'));
  });
});

describe(nameKeys.name, () => {
  const sut = nameKeys;

  it('finds a name with a bracket by the whole, the part outside and the part inside', () => {
    expect(sut('Albert Ekka (Jari)')).toEqual(['albert ekka jari', 'albert ekka', 'jari']);
    expect(sut('All India Congress Committee (AICC)')).toContain('aicc');
  });

  it('gives a plain name one key', () => {
    expect(sut('Ranchi')).toEqual(['ranchi']);
  });

  it('gives no key for a name of punctuation only', () => {
    expect(sut('()')).toEqual([]);
  });
});
