import { findCues } from './complaint-cues';

const kinds = (text: string) => findCues(text).map(({ kind }) => kind);
const officeBearers = (text: string) => findCues(text).flatMap(({ officeBearer }) => (officeBearer ? [officeBearer] : []));

describe(findCues.name, () => {
  it.each([
    ['प्रखंड कार्यालय में BDO नहीं मिले, शिकायत दर्ज करें', ['bdo', 'complaint']],
    ['B.D.O. sahab ne ghoos maanga', ['bdo', 'misconduct']],
    ['BDOसे मिलना है', ['bdo']],
    ['अंचल अधिकारी दाखिल खारिज नहीं कर रहे', ['co', 'government-service']],
    ['CO office band hai, complaint', ['co', 'complaint']],
    ['The co-operative society meeting', ['organisational']],
    ['राशन नहीं मिला, समस्या है', ['government-service', 'problem']],
    ['शिकायतें बहुत हैं', ['complaint']],
  ])('finds the cues of %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each([
    ['प्रखंड अध्यक्ष पैसे मांग रहे हैं', { post: 'president', level: 'block' }],
    ['जिला कांग्रेस कमेटी अध्यक्ष नहीं सुनते', { post: 'president', level: 'district' }],
    ['ज़िलाध्यक्ष जी से शिकायत', { post: 'president', level: 'district' }],
    ['प्रदेश अध्यक्ष', { post: 'president', level: 'state' }],
    ['Kanke block president is absent', { post: 'president', level: 'block' }],
    ['DCC president', { post: 'president', level: 'district' }],
    ['zila adhyaksh', { post: 'president', level: 'district' }],
    ['पंचायत उपाध्यक्ष', { post: 'vice-president', level: 'panchayat' }],
    ['block vice president', { post: 'vice-president', level: 'block' }],
    ['महासचिव ने धमकी दी', { post: 'general-secretary' }],
    ['प्रखंड कोषाध्यक्ष', { post: 'treasurer', level: 'block' }],
    ['अध्यक्ष जी', { post: 'president' }],
    ['एक पदाधिकारी ने', {}],
  ])('reads whom %j names', (text, expected) => {
    expect(officeBearers(text)).toEqual([expected]);
  });

  it('does not take the BDO’s title for a party office-bearer, nor a secretary inside a general secretary', () => {
    expect(officeBearers('प्रखंड विकास पदाधिकारी से शिकायत')).toEqual([]);
    expect(officeBearers('महासचिव')).toEqual([{ post: 'general-secretary' }]);
    expect(officeBearers('the BDO, president of nothing')).toEqual([{ post: 'president' }]);
  });

  it('reads a level only when it stands right before the post', () => {
    expect(officeBearers('block office, president')).toEqual([{ post: 'president' }]);
  });

  it('ignores nukta and zero-width joiners', () => {
    expect(officeBearers('ज़िला अध्यक्ष')).toEqual([{ post: 'president', level: 'district' }]);
    expect(kinds('शि\u200dकायत')).toEqual(['complaint']);
  });
});
