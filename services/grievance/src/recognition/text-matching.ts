// Nukta: ज़िला and जिला are one word to a Hindi reader (NFC decomposes ज़ into ज + nukta).
// Zero-width (non-)joiners only change how a conjunct is drawn, yet would break a substring match.
const IGNORED_FOR_MATCHING = /[\u093C\u200C\u200D]/g;
const LATIN_WORD_CHAR = '[\\p{Script=Latin}\\p{N}]';
const DEVANAGARI = '\\p{Script=Devanagari}';
const WORD_GAP = '[\\s-]+';

/** Text as the matchers see it; same length rules as intake's keyword hints. */
export function forMatching(text: string): string {
  return text.normalize('NFC').replace(IGNORED_FOR_MATCHING, '');
}

export interface TermList<T> {
  /** Any case, whole words, optional plural "s"; an all-capitals word may be dotted (B.D.O.). */
  readonly latin?: readonly string[];
  /** Only in capitals or dotted: CO is also "co-operative" and "& Co." in lower case. */
  readonly capitalsOnly?: readonly string[];
  /**
   * Found at the start of a word and anywhere after it, so inflected and compound forms count
   * (शिकायतें, घूसखोर) while सचिव is not found inside महासचिव.
   */
  readonly devanagari?: readonly string[];
  readonly value: T;
}

export interface TermMatch<T> {
  readonly index: number;
  readonly length: number;
  readonly term: string;
  readonly value: T;
}

interface Compiled<T> {
  readonly pattern: RegExp;
  readonly entries: readonly { term: string; value: T }[];
}

/**
 * One matcher for many term lists. Where terms overlap at one place the longest wins, so "vice
 * president" is not also a president and "प्रखंड विकास पदाधिकारी" is a BDO, not an office-bearer.
 */
export class TermMatcher<T> {
  private readonly compiled: readonly Compiled<T>[];

  constructor(lists: readonly TermList<T>[]) {
    const general: { source: string; term: string; value: T }[] = [];
    const capitals: { source: string; term: string; value: T }[] = [];
    for (const { latin = [], capitalsOnly = [], devanagari = [], value } of lists) {
      for (const term of latin) general.push({ source: `(?<!${LATIN_WORD_CHAR})(?:${latinPattern(term)})s?(?!${LATIN_WORD_CHAR})`, term, value });
      for (const term of devanagari) general.push({ source: `(?<!${DEVANAGARI})${devanagariPattern(term)}`, term, value });
      for (const term of capitalsOnly) {
        capitals.push({ source: `(?<!${LATIN_WORD_CHAR})(?:${capitalsPattern(term)})(?!${LATIN_WORD_CHAR}|-\\p{Script=Latin})`, term, value });
      }
    }
    const compile = (terms: typeof general, flags: string): Compiled<T> => {
      const sorted = [...terms].sort((a, b) => b.term.length - a.term.length);
      return {
        pattern: new RegExp(sorted.map(({ source }) => `(${source})`).join('|') || '(?!)', flags),
        entries: sorted.map(({ term, value }) => ({ term, value })),
      };
    };
    this.compiled = [compile(general, 'giu'), compile(capitals, 'gu')];
  }

  /** Every match in the (already normalised) text, in order of position. */
  matchAll(text: string): TermMatch<T>[] {
    const found: TermMatch<T>[] = [];
    for (const { pattern, entries } of this.compiled) {
      for (const match of text.matchAll(pattern)) {
        const group = match.findIndex((value, position) => position > 0 && value !== undefined);
        const { term, value } = entries[group - 1];
        found.push({ index: match.index, length: match[0].length, term, value });
      }
    }
    return found.sort((a, b) => a.index - b.index || b.length - a.length);
  }
}

function latinPattern(term: string): string {
  return term
    .split(' ')
    .map((word) => (/^[A-Z]{2,}$/.test(word) ? [...word].join('\\.?') : escape(word)))
    .join(WORD_GAP);
}

function capitalsPattern(term: string): string {
  const dotted = [...term].map((letter) => `[${letter}${letter.toLowerCase()}]`).join('\\.');
  return `${term}|${dotted}\\.?`;
}

function devanagariPattern(term: string): string {
  return forMatching(term).split(' ').map(escape).join(WORD_GAP);
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
