import type { PostKind, UnitLevel } from '@cc/contracts';
import { forMatching, TermMatcher, type TermList } from './text-matching';

/**
 * The words that make a report a complaint, say about whom, and what kind. Bilingual (Hindi in
 * Devanagari, romanised Hindi, English). Kept beside intake's keyword hints rather than imported:
 * services do not share code, and grievance needs more (post names with their level) than a hint.
 */
export type CueKind =
  /** Says it is a complaint: शिकायत, complaint. */
  | 'complaint'
  /** Says there is a problem (समस्या, problem): a complaint only together with a subject or misconduct. */
  | 'problem'
  | 'bdo'
  | 'co'
  /** Misconduct that makes a complaint of a report naming someone: bribery, corruption. */
  | 'misconduct'
  | 'government-service'
  | 'organisational';

export const CUE_TERMS: readonly TermList<CueKind>[] = [
  {
    value: 'complaint',
    latin: ['complaint', 'complain', 'grievance', 'shikayat', 'sikayat', 'shikayet'],
    devanagari: ['शिकायत', 'परिवाद'],
  },
  { value: 'problem', latin: ['problem', 'samasya'], devanagari: ['समस्या'] },
  {
    value: 'bdo',
    latin: ['BDO', 'block development officer', 'block vikas padadhikari', 'block vikas adhikari'],
    devanagari: [
      'बीडीओ', 'बी.डी.ओ.', 'बी.डी.ओ', 'प्रखंड विकास पदाधिकारी', 'प्रखण्ड विकास पदाधिकारी', 'प्रखंड विकास अधिकारी',
    ],
  },
  {
    value: 'co',
    latin: ['circle officer', 'anchal adhikari', 'anchaladhikari', 'anchal'],
    capitalsOnly: ['CO'],
    devanagari: ['सीओ', 'सी.ओ.', 'सी.ओ', 'अंचल अधिकारी', 'अंचलाधिकारी', 'अंचल पदाधिकारी', 'अंचल'],
  },
  {
    value: 'misconduct',
    latin: [
      'bribe', 'bribery', 'corruption', 'corrupt', 'rishwat', 'riswat', 'ghoos', 'ghus', 'bhrashtachar', 'bhrastachar',
    ],
    devanagari: ['घूस', 'रिश्वत', 'भ्रष्टाचार', 'कमीशन'],
  },
  {
    value: 'government-service',
    latin: [
      'ration', 'pension', 'scheme', 'yojana', 'yojna', 'awas', 'mgnrega', 'manrega', 'nrega', 'land', 'zameen', 'jameen',
      'mutation', 'dakhil kharij', 'khatiyan', 'police', 'thana', 'hospital', 'electricity', 'bijli', 'school', 'mukhiya',
      'certificate', 'praman patra',
    ],
    devanagari: [
      'राशन', 'पेंशन', 'योजना', 'आवास', 'मनरेगा', 'ज़मीन', 'जमीन', 'दाखिल खारिज', 'दाख़िल ख़ारिज', 'खतियान', 'पुलिस', 'थाना',
      'अस्पताल', 'बिजली', 'स्कूल', 'मुखिया', 'प्रमाण पत्र',
    ],
  },
  {
    value: 'organisational',
    latin: [
      'party', 'committee', 'organisation', 'organization', 'sangathan', 'membership', 'meeting', 'baithak', 'karyakarta',
    ],
    devanagari: ['संगठन', 'पार्टी', 'कमेटी', 'समिति', 'सदस्यता', 'बैठक', 'कार्यकर्ता'],
  },
];

/** An office-bearer the text names: the post when it says which, the level when it says where. */
export interface NamedOfficeBearer {
  readonly post?: PostKind;
  readonly level?: UnitLevel;
}

type PostValue = PostKind | 'office-bearer';

const POST_TERMS: readonly TermList<PostValue>[] = [
  { value: 'president', latin: ['president', 'adhyaksh', 'adhyaksha', 'chairman'], devanagari: ['अध्यक्ष'] },
  { value: 'vice-president', latin: ['vice president', 'vice-president', 'upadhyaksh', 'upadhyaksha'], devanagari: ['उपाध्यक्ष'] },
  {
    value: 'general-secretary',
    latin: ['general secretary', 'gen secretary', 'mahasachiv', 'mahamantri'],
    devanagari: ['महासचिव', 'महामंत्री'],
  },
  { value: 'secretary', latin: ['secretary', 'sachiv'], devanagari: ['सचिव'] },
  { value: 'treasurer', latin: ['treasurer', 'koshadhyaksh', 'koshadhyaksha'], devanagari: ['कोषाध्यक्ष'] },
  {
    value: 'grievance-convenor',
    latin: ['grievance convenor', 'grievance convener', 'grievance cell'],
    devanagari: ['शिकायत प्रकोष्ठ संयोजक', 'शिकायत प्रकोष्ठ'],
  },
  { value: 'office-bearer', latin: ['office bearer', 'office-bearer', 'padadhikari'], devanagari: ['पदाधिकारी'] },
];

/** Sandhi writes the district and state presidents as one word: ज़िला + अध्यक्ष = ज़िलाध्यक्ष. */
const COMPOUND_POSTS: readonly TermList<NamedOfficeBearer>[] = [
  { value: { post: 'president', level: 'district' }, devanagari: ['जिलाध्यक्ष', 'ज़िलाध्यक्ष'] },
  { value: { post: 'president', level: 'state' }, devanagari: ['प्रदेशाध्यक्ष'] },
  { value: { post: 'president', level: 'block' }, devanagari: ['प्रखंडाध्यक्ष'] },
];

const LEVEL_TERMS: readonly TermList<UnitLevel>[] = [
  { value: 'block', latin: ['block', 'prakhand', 'BCC'], devanagari: ['प्रखंड', 'प्रखण्ड', 'ब्लॉक'] },
  { value: 'district', latin: ['district', 'zila', 'jila', 'zilla', 'DCC'], devanagari: ['जिला', 'ज़िला', 'जिले'] },
  { value: 'state', latin: ['state', 'pradesh', 'PCC'], devanagari: ['प्रदेश', 'राज्य'] },
  { value: 'panchayat', latin: ['panchayat'], devanagari: ['पंचायत'] },
];

// Between the level and the post people often write the committee: "जिला कांग्रेस कमेटी अध्यक्ष".
const FILLER = '(?:[\\s-]+(?:congress|कांग्रेस|committee|कमेटी|समिति))*[\\s-]*$';

const cueMatcher = new TermMatcher(CUE_TERMS);
const postMatcher = new TermMatcher<PostValue | NamedOfficeBearer>([...POST_TERMS, ...COMPOUND_POSTS]);
const levelMatcher = new TermMatcher(LEVEL_TERMS);

export interface Cue {
  readonly kind: CueKind | 'office-bearer';
  readonly index: number;
  readonly term: string;
  /** For an office-bearer cue: whom it names. */
  readonly officeBearer?: NamedOfficeBearer;
}

/**
 * Every cue in the text, in order of position. Office-bearers are looked for in what is left once
 * the government officers are taken out, so "प्रखंड विकास पदाधिकारी" (the BDO) is not a party
 * office-bearer, and a level is read from the words just before the post.
 */
export function findCues(text: string): Cue[] {
  const normalized = forMatching(text);
  const matches = cueMatcher.matchAll(normalized);
  const cues: Cue[] = matches.map(({ value, index, term }) => ({ kind: value, index, term }));
  let remainder = normalized;
  for (const { value, index, length } of matches) {
    if (value === 'bdo' || value === 'co') remainder = remainder.slice(0, index) + ' '.repeat(length) + remainder.slice(index + length);
  }
  for (const { value, index, term } of postMatcher.matchAll(remainder)) {
    const officeBearer = typeof value === 'object' ? value : withLevel(value, levelBefore(remainder.slice(Math.max(0, index - 48), index)));
    cues.push({ kind: 'office-bearer', index, term, officeBearer });
  }
  return cues.sort((a, b) => a.index - b.index);
}

function withLevel(post: PostValue, level: UnitLevel | undefined): NamedOfficeBearer {
  return { ...(post === 'office-bearer' ? {} : { post }), ...(level ? { level } : {}) };
}

function levelBefore(prefix: string): UnitLevel | undefined {
  const candidates = levelMatcher.matchAll(prefix);
  for (const candidate of candidates.reverse()) {
    if (new RegExp(`^${FILLER}`, 'iu').test(prefix.slice(candidate.index + candidate.length))) return candidate.value;
  }
  return undefined;
}
