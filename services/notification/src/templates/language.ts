import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../shared/channel';

/**
 * The language to write in: the recipient's own when a text exists in it, else Hindi (the
 * language of most workers served), else whatever exists. `hi-Latn` (Hindi typed in Latin
 * letters) reads Hindi: the person speaks it, and phones show Devanagari. Region subtags
 * (`en-IN`) do not matter; an undetermined or unknown language gets the default.
 */
export function chooseLanguage(preferred: string | undefined, available: readonly Language[]): Language | undefined {
  const wanted = normalizeLanguage(preferred);
  if (available.includes(wanted)) return wanted;
  if (available.includes(DEFAULT_LANGUAGE)) return DEFAULT_LANGUAGE;
  return LANGUAGES.find((language) => available.includes(language));
}

export function normalizeLanguage(tag: string | undefined): Language {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary) ?? DEFAULT_LANGUAGE;
}
