import { KEYWORD_LIST, keywordHints, type KeywordCategory, type KeywordHint } from './keyword-hints';

const hint = (category: KeywordCategory, matched: string): KeywordHint => ({ category, matched });
const categories = (text: string) => keywordHints(text).map(({ category }) => category);

describe(keywordHints.name, () => {
  const sut = keywordHints;

  it.each<[string, KeywordHint[]]>([
    [
      'प्रखंड विकास पदाधिकारी ने आवास योजना की शिकायत नहीं सुनी',
      [
        hint('bdo', 'प्रखंड विकास पदाधिकारी'),
        hint('scheme', 'आवास'),
        hint('scheme', 'योजना'),
        hint('complaint', 'शिकायत'),
      ],
    ],
    [
      'CO sahab dakhil-kharij ke liye rishwat maang rahe hain',
      [hint('co', 'CO'), hint('land', 'dakhil kharij'), hint('corruption', 'rishwat')],
    ],
    ['BDO sahab office me nahi milte, kaam nahi ho raha', [hint('bdo', 'BDO')]],
    ['Road repair not done in our panchayat', [hint('panchayat', 'panchayat')]],
    [
      'Mukhiya ji ration nahi de rahe, shikayat karni hai',
      [hint('panchayat', 'mukhiya'), hint('scheme', 'ration'), hint('complaint', 'shikayat')],
    ],
    [
      'कल प्रखंड अध्यक्ष की बैठक है, सभी कार्यकर्ता आएं',
      [hint('block', 'प्रखंड'), hint('office-bearer', 'अध्यक्ष'), hint('activity', 'बैठक')],
    ],
    [
      'I want to file a complaint against the Circle Officer for asking a bribe for mutation',
      [
        hint('complaint', 'complaint'),
        hint('co', 'circle officer'),
        hint('corruption', 'bribe'),
        hint('land', 'mutation'),
      ],
    ],
    [
      'अंचलाधिकारी ने दाखिल-खारिज के लिए घूस मांगी',
      [hint('co', 'अंचलाधिकारी'), hint('land', 'दाख़िल ख़ारिज'), hint('corruption', 'घूस')],
    ],
    // Compound and inflected Devanagari forms (पंचायतों, घूसखोरी); the longest term wins (महासचिव, not सचिव).
    [
      'उपाध्यक्ष और महासचिव पंचायतों में गए, घूसखोरी बंद हो',
      [
        hint('office-bearer', 'उपाध्यक्ष'),
        hint('office-bearer', 'महासचिव'),
        hint('panchayat', 'पंचायत'),
        hint('corruption', 'घूस'),
      ],
    ],
    ['Pradhan Mantri Awas Yojana ka paisa nahi mila', [hint('scheme', 'awas'), hint('scheme', 'yojana')]],
    [
      'Meetings and rallies in Kanke block; BDOs and COs absent',
      [
        hint('activity', 'meeting'),
        hint('activity', 'rallies'),
        hint('block', 'block'),
        hint('bdo', 'BDO'),
        hint('co', 'CO'),
      ],
    ],
    ['Nothing to report today', []],
  ])('finds the hints in %j', (text, expected) => {
    expect(sut(text)).toEqual(expected);
  });

  it.each([
    'Tata Steel Co. supplied the pumps',
    'the cooperative society',
    'CO-OPERATIVE SOCIETY',
    'co-worker',
    'company',
    'Co',
    'co sahab',
    'CO2 cylinder',
    'ECO park',
  ])('does not read %j as the Circle Officer', (text) => {
    expect(categories(text)).not.toContain('co');
  });

  it.each(['CO', 'CO sahab', 'C.O. sahab', 'c.o. office', 'CO/BDO', 'BDO-CO nexus', 'COs', 'COसे मिले', '(CO)'])(
    'reads %j as the Circle Officer',
    (text) => {
      expect(sut(text)).toContainEqual(hint('co', 'CO'));
    },
  );

  it.each(['BDO', 'bdo', 'Bdo', 'B.D.O.', 'b.d.o', 'BDOसे', 'BDOs'])('reads %j as the BDO', (text) => {
    expect(sut(text)).toEqual([hint('bdo', 'BDO')]);
  });

  it.each(['abdomen', 'xbdo', 'BDO2'])('does not read %j as the BDO', (text) => {
    expect(categories(text)).not.toContain('bdo');
  });

  it.each([
    ['SHIKAYAT', 'shikayat'],
    ['Shikayat', 'shikayat'],
    ['COMPLAINTS', 'complaint'],
    ['Grievances', 'grievance'],
  ])('matches Latin terms in any case and plural: %j', (text, matched) => {
    expect(sut(text)).toEqual([hint('complaint', matched)]);
  });

  it.each(['landed', 'Ireland', 'rationale', 'blockade', 'programmer', 'pensioner', 'unblocked'])(
    'matches Latin terms as whole words only: not in %j',
    (text) => {
      expect(sut(text)).toEqual([]);
    },
  );

  it.each([
    ['\u095B\u092E\u0940\u0928', 'precomposed ज़'],
    ['\u091C\u093C\u092E\u0940\u0928', 'ज + nukta'],
    ['\u091C\u092E\u0940\u0928', 'no nukta'],
  ])('ignores the nukta: %j (%s) is land', (text) => {
    expect(sut(`${text} का विवाद`)).toEqual([hint('land', 'ज़मीन')]);
  });

  it('ignores zero-width joiners inside Devanagari words', () => {
    expect(sut('शिका\u200Cयत और भ्\u200Dरष्टाचार')).toEqual([
      hint('complaint', 'शिकायत'),
      hint('corruption', 'भ्रष्टाचार'),
    ]);
  });

  it('returns each hint once, in order of first occurrence', () => {
    expect(sut('Complaint about the BDO. BDO ki shikayat, complaint again, BDO again')).toEqual([
      hint('complaint', 'complaint'),
      hint('bdo', 'BDO'),
      hint('complaint', 'shikayat'),
    ]);
  });

  it.each([
    ['{"$where": "this.bribe == 1"}', [hint('corruption', 'bribe')]],
    ['<b>BDO</b> <script>alert("rishwat")</script>', [hint('bdo', 'BDO'), hint('corruption', 'rishwat')]],
    ['BDO\u0000ki\u0007shikayat\u001b[0m', [hint('bdo', 'BDO'), hint('complaint', 'shikayat')]],
    ['', []],
    ['😀👍 9812348765', []],
  ])('only reads %j', (text, expected) => {
    expect(sut(text)).toEqual(expected);
  });

  it('reads a 4096-character message to its end', () => {
    const text = `${'kuch nahi hua, '.repeat(272)}rishwat`;

    expect(text).toHaveLength(4087);
    expect(sut(text)).toEqual([hint('corruption', 'rishwat')]);
    expect(sut('BDO rishwat '.repeat(341))).toEqual([hint('bdo', 'BDO'), hint('corruption', 'rishwat')]);
  });

  it('hands out copies, so a caller cannot change the list', () => {
    const [first] = sut('BDO');
    first.matched = 'changed';

    expect(sut('BDO')).toEqual([hint('bdo', 'BDO')]);
  });
});

describe('KEYWORD_LIST', () => {
  const terms = KEYWORD_LIST.flatMap((entry) =>
    [...entry.latin, ...('capitalsOnly' in entry ? entry.capitalsOnly : []), ...entry.devanagari].map((term) =>
      hint(entry.category, term),
    ),
  );

  it.each(terms.map((term) => [term.matched, term]))('finds its own term %j', (text, term) => {
    expect(keywordHints(`(${text}) `)).toContainEqual(term);
  });

  it('lists no term twice, up to case and nukta', () => {
    const keys = terms.map(({ matched }) => matched.normalize('NFC').replace(/\u093C/g, '').toLowerCase());

    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });
});
