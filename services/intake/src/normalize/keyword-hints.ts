interface KeywordEntry {
  readonly category: string;
  /**
   * Latin words and phrases: any case, whole words, optional plural "s". An all-capitals word is
   * an abbreviation and may also be dotted (B.D.O.).
   */
  readonly latin: readonly string[];
  /**
   * Abbreviations that are ordinary text in lower case ("co-operative", "& Co."): only in
   * capitals (CO) or dotted in any case (C.O., c.o.).
   */
  readonly capitalsOnly?: readonly string[];
  /**
   * Devanagari words and phrases, found anywhere in the text so that inflected and compound
   * forms count (पंचायतों, शिकायतकर्ता, घूसखोर). Written with nukta where Hindi writes it;
   * matching ignores nukta.
   */
  readonly devanagari: readonly string[];
}

/**
 * What the intake looks for in a message to suggest a category. Hints, not a classification:
 * they help a person route a report and let analysts count topics; a term may over-match.
 * A term that is the start of a frequent unrelated Hindi word is left out (भूमि, as in भूमिका
 * "role"). Add terms here; the tests check every term is found and no term is listed twice.
 */
export const KEYWORD_LIST = [
  {
    category: 'complaint',
    latin: ['complaint', 'complain', 'grievance', 'problem', 'shikayat', 'sikayat', 'samasya'],
    devanagari: ['शिकायत', 'समस्या', 'परिवाद'],
  },
  {
    category: 'bdo',
    latin: ['BDO', 'block development officer', 'block vikas padadhikari'],
    devanagari: ['बीडीओ', 'बी.डी.ओ.', 'प्रखंड विकास पदाधिकारी', 'प्रखण्ड विकास पदाधिकारी'],
  },
  {
    category: 'co',
    latin: ['circle officer', 'anchal', 'anchaladhikari', 'anchal adhikari'],
    capitalsOnly: ['CO'],
    devanagari: ['सीओ', 'सी.ओ.', 'अंचल', 'अंचलाधिकारी', 'अंचल अधिकारी'],
  },
  {
    category: 'block',
    latin: ['block', 'prakhand'],
    devanagari: ['प्रखंड', 'प्रखण्ड', 'ब्लॉक'],
  },
  {
    category: 'panchayat',
    // Not plain "pradhan": it is also the "Pradhan Mantri" of the national schemes.
    latin: ['panchayat', 'mukhiya', 'sarpanch', 'gram pradhan', 'gram sabha'],
    devanagari: ['पंचायत', 'मुखिया', 'सरपंच', 'ग्राम प्रधान', 'ग्राम सभा', 'ग्रामसभा'],
  },
  {
    category: 'office-bearer',
    // Not plain "mantri"/मंत्री: that is mostly a government minister; the party's is the महामंत्री.
    latin: [
      'office bearer',
      'padadhikari',
      'adhyaksh',
      'adhyaksha',
      'upadhyaksh',
      'upadhyaksha',
      'president',
      'secretary',
      'sachiv',
      'mahasachiv',
      'mahamantri',
    ],
    // उपाध्यक्ष needs its own entry: sandhi merges the अ of अध्यक्ष into a vowel sign.
    devanagari: ['पदाधिकारी', 'अध्यक्ष', 'उपाध्यक्ष', 'सचिव', 'महासचिव', 'महामंत्री'],
  },
  {
    category: 'corruption',
    latin: ['corruption', 'corrupt', 'bribe', 'bribery', 'bhrashtachar', 'bhrastachar', 'rishwat', 'riswat', 'ghoos'],
    devanagari: ['भ्रष्टाचार', 'रिश्वत', 'घूस'],
  },
  {
    category: 'activity',
    latin: ['meeting', 'baithak', 'rally', 'rallies', 'karyakram', 'programme', 'program', 'dharna', 'sammelan'],
    devanagari: ['बैठक', 'रैली', 'कार्यक्रम', 'धरना', 'सम्मेलन'],
  },
  {
    category: 'scheme',
    latin: ['scheme', 'yojana', 'yojna', 'ration', 'pension', 'awas', 'mgnrega', 'manrega', 'nrega'],
    devanagari: ['योजना', 'राशन', 'पेंशन', 'आवास', 'मनरेगा'],
  },
  {
    category: 'land',
    latin: ['land', 'zameen', 'zamin', 'jameen', 'jamin', 'dakhil kharij', 'mutation', 'khatiyan'],
    devanagari: ['ज़मीन', 'दाख़िल ख़ारिज', 'खतियान'],
  },
] as const satisfies readonly KeywordEntry[];

export type KeywordCategory = (typeof KEYWORD_LIST)[number]['category'];

export interface KeywordHint {
  category: KeywordCategory;
  /** The term of KEYWORD_LIST that matched, as listed (not as the sender spelled it). */
  matched: string;
}

// Nukta: ज़मीन and जमीन are one word to a Hindi reader (NFC decomposes ज़ into ज + nukta).
// Zero-width (non-)joiners only change how a conjunct is drawn, yet would break a substring match.
const IGNORED_FOR_MATCHING = /[\u093C\u200C\u200D]/g;
// Latin terms end at any non-Latin character, so "BDOसे" (no space before the Hindi postposition) counts.
const LATIN_WORD_CHAR = '[\\p{Script=Latin}\\p{N}]';
const WORD_GAP = '[\\s-]+';

interface Term {
  source: string;
  hint: KeywordHint;
}

interface CompiledTerms {
  readonly pattern: RegExp;
  readonly hints: readonly KeywordHint[];
}

const PATTERNS: readonly CompiledTerms[] = compile();

/**
 * Distinct hints for the categories named in the text, in order of first occurrence. Where terms
 * overlap the longest wins, so "प्रखंड विकास पदाधिकारी" is a BDO and neither a block nor an
 * office-bearer.
 */
export function keywordHints(text: string): KeywordHint[] {
  const normalized = forMatching(text);
  const found: { index: number; hint: KeywordHint }[] = [];
  for (const { pattern, hints } of PATTERNS) {
    for (const match of normalized.matchAll(pattern)) {
      // One capture group per term, in the order of `hints`.
      const group = match.findIndex((value, position) => position > 0 && value !== undefined);
      found.push({ index: match.index, hint: hints[group - 1] });
    }
  }
  found.sort((a, b) => a.index - b.index);
  const distinct = new Set(found.map(({ hint }) => hint));
  return [...distinct].map((hint) => ({ ...hint }));
}

function forMatching(text: string): string {
  return text.normalize('NFC').replace(IGNORED_FOR_MATCHING, '');
}

function compile(): CompiledTerms[] {
  const latin: Term[] = [];
  const capitals: Term[] = [];
  const devanagari: Term[] = [];
  for (const entry of KEYWORD_LIST) {
    const { category } = entry;
    const capitalsOnly: readonly string[] = 'capitalsOnly' in entry ? entry.capitalsOnly : [];
    for (const matched of entry.latin) latin.push({ source: latinPattern(matched), hint: { category, matched } });
    for (const matched of capitalsOnly) {
      capitals.push({ source: capitalsPattern(matched), hint: { category, matched } });
    }
    for (const matched of entry.devanagari) {
      devanagari.push({ source: devanagariPattern(matched), hint: { category, matched } });
    }
  }
  // Alternation takes the first alternative that matches, so longer terms go first.
  for (const terms of [latin, capitals, devanagari]) {
    terms.sort((a, b) => b.hint.matched.length - a.hint.matched.length);
  }

  const groups = (terms: Term[]) => terms.map(({ source }) => `(${source})`).join('|');
  return [
    {
      pattern: new RegExp(
        `(?<!${LATIN_WORD_CHAR})(?:${groups(latin)})s?(?!${LATIN_WORD_CHAR})|${groups(devanagari)}`,
        'giu',
      ),
      hints: [...latin, ...devanagari].map(({ hint }) => hint),
    },
    {
      // Also not before "-letter": "CO-OPERATIVE" in an all-capitals SMS is not a Circle Officer.
      pattern: new RegExp(
        `(?<!${LATIN_WORD_CHAR})(?:${groups(capitals)})s?(?!${LATIN_WORD_CHAR}|-\\p{Script=Latin})`,
        'gu',
      ),
      hints: capitals.map(({ hint }) => hint),
    },
  ];
}

function latinPattern(term: string): string {
  return term
    .split(' ')
    .map((word) => (/^[A-Z]{2,}$/.test(word) ? [...word].join('\\.?') : escape(word)))
    .join(WORD_GAP);
}

function capitalsPattern(term: string): string {
  const dotted = [...term].map((letter) => `[${letter}${letter.toLowerCase()}]`).join('\\.');
  return `${term}|${dotted}`;
}

function devanagariPattern(term: string): string {
  return forMatching(term).split(' ').map(escape).join(WORD_GAP);
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
