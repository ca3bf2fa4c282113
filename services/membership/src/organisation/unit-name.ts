// Latin combining diacritics only: Devanagari vowel signs are marks too, and are the word.
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;
// Nukta (अनगड़ा / अनगडा) and zero-width (non-)joiners are spelling variants to a Hindi reader.
const DEVANAGARI_IGNORED = /[\u093C\u200C\u200D]/g;
const CHANDRABINDU = /\u0901/g;
const ANUSVARA = '\u0902';
const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/gu;
const PARENTHESISED = /\(([^)]*)\)/g;

/**
 * The form two spellings of a place name share: case, Latin diacritics (Jhārkhaṇḍ), nukta,
 * chandrabindu against anusvara (खूँटी / खूंटी), punctuation and spacing do not count.
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(LATIN_DIACRITICS, '')
    .replace(DEVANAGARI_IGNORED, '')
    .replace(CHANDRABINDU, ANUSVARA)
    .normalize('NFC')
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim();
}

/**
 * The keys a name is found by: the whole name and, for "Albert Ekka (Jari)" or
 * "All India Congress Committee (AICC)", the name without the bracket and the bracket alone.
 */
export function nameKeys(name: string): string[] {
  const keys = new Set([nameKey(name)]);
  const outside = nameKey(name.replace(PARENTHESISED, ' '));
  if (outside) keys.add(outside);
  for (const [, inside] of name.matchAll(PARENTHESISED)) {
    const key = nameKey(inside);
    if (key) keys.add(key);
  }
  keys.delete('');
  return [...keys];
}
