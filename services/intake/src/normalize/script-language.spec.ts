import { detectScriptAndLanguage, type ScriptAndLanguage } from './script-language';

describe(detectScriptAndLanguage.name, () => {
  const sut = detectScriptAndLanguage;

  it.each([
    'हमारे पंचायत में तीन महीने से राशन नहीं मिला।',
    'मुखिया जी आवास योजना का पैसा मांग रहे हैं',
    // Latin acronyms inside Hindi: 3 and 5 Latin letters against 25 and 34 Devanagari ones.
    'प्रखंड कार्यालय में BDO नहीं मिले',
    'अंचल कार्यालय में CO और BDO दोनों नहीं मिले',
    'दाख़िल-ख़ारिज के लिए ५००० रुपये माँगे 🙏',
  ])('reads %j as Devanagari, Hindi', (text) => {
    expect(sut(text)).toEqual({ script: 'devanagari', language: 'hi' });
  });

  it.each([
    'हमारे panchayat में road नहीं बना',
    'BDO CO साहब नहीं',
    'Block office में ration card का form नहीं ले रहे',
  ])('reads %j, which switches script for whole words, as mixed, Hindi', (text) => {
    expect(sut(text)).toEqual({ script: 'mixed', language: 'hi' });
  });

  it('calls text mixed from 20% of the letters in the minority script', () => {
    expect(sut('ab कखगघङचछज')).toEqual({ script: 'mixed', language: 'hi' });
    expect(sut('a कखगघङचछज').script).toBe('devanagari');
    expect(sut('कख abcdefgh').script).toBe('mixed');
    expect(sut('क abcdefgh').script).toBe('latin');
  });

  it('counts matras as letters, so a Hindi word weighs about as much as its transliteration', () => {
    // कार्यालय: 8 code points, 5 of them letters. Against 30 Latin letters that is 21% (mixed);
    // counting only the 5 would make it 14% (Latin).
    expect(sut('कार्यालय Block office me koi nahi milta tha ji').script).toBe('mixed');
  });

  it.each([
    'BDO sahab office me nahi milte, kaam nahi ho raha',
    'Mukhiya ji ration nahi de rahe hain',
    'Hamare panchayat me 3 mahine se pension nahi mila',
    'CO office me dakhil kharij ke liye paisa maang rahe hai',
    'Kal block me baithak hogi, sab log aaye',
    'Sir road kab banega?',
    'Awas yojana ka paisa abhi tak nahi aaya',
    'Hand pump kharab hai 2 mahine se',
    'Ration card form submit kar diya, please check',
    'Mera naam Ramesh hai, I am from Kanke block, pension nahi mil rahi',
    'NAHI MILA RATION',
    'nahiiii mila',
    'haaaan sir',
  ])('reads %j as Hinglish (hi-Latn)', (text) => {
    expect(sut(text)).toEqual({ script: 'latin', language: 'hi-Latn' });
  });

  it.each([
    'Road repair not done in our panchayat',
    'Mukhiya is not distributing ration in our panchayat',
    'Please help me, the BDO is not available in office',
    'Respected sir, kindly look into the matter of awas yojana in Ormanjhi block',
    'Dharna at block office by 200 karyakarta against CO',
    'Hand pump in ward 5 is broken since two months, nobody came to repair it',
    'Karen and Kiran attended the block meeting',
    // Hindi words among more English function words: 1 of 3 and 2 of 5 marker words.
    'The BDO said nahi to our request for the road',
    'Mukhiya ji said kal aana, but nothing happened for a month',
  ])('reads %j as English', (text) => {
    expect(sut(text)).toEqual({ script: 'latin', language: 'en' });
  });

  it.each(['Mukhiya ji', 'BDO', 'Pradhan sahab', 'Ok'])(
    'takes Latin text without marker words, such as %j, for English',
    (text) => {
      expect(sut(text)).toEqual({ script: 'latin', language: 'en' });
    },
  );

  it('treats a tie between Hindi and English marker words as Hinglish', () => {
    // nahi, mila against for, of; then also and, no.
    expect(sut('pension nahi mila for two months of waiting').language).toBe('hi-Latn');
    expect(sut('pension nahi mila for two months of waiting, and no reply').language).toBe('en');
  });

  it.each([
    ['Café résumé naïve', 'Latin-1 letters'],
    ['Jhārkhaṇḍ ke gaon', 'IAST transliteration'],
  ])('counts %j as Latin (%s)', (text) => {
    expect(sut(text).script).toBe('latin');
  });

  it.each([
    ['আমাদের পঞ্চায়েতে রেশন নেই', 'Bengali'],
    ['ہمارے پنچایت میں راشن نہیں', 'Urdu'],
    ['ᱥᱟᱱᱛᱟᱲᱤ ᱯᱟᱨᱥᱤ', 'Santali in Ol Chiki'],
  ])('reads %j as another script, language undetermined (%s)', (text) => {
    expect(sut(text)).toEqual({ script: 'other', language: 'und' });
  });

  it.each([
    ['', 'empty'],
    ['   \n\t', 'whitespace'],
    ['😀👍', 'emoji'],
    ['👍🏽❤️ 1️⃣ 2️⃣', 'emoji with skin tone, variation selector and keycap'],
    ['9812348765 12:30', 'digits'],
    ['१२३४ ।। ५', 'Devanagari digits and dandas'],
    ['!!! ??? ... ₹500', 'punctuation and currency'],
    ['\u0000\u0007\u001f\u007f', 'control characters'],
  ])('finds no letters in %j (%s)', (text) => {
    expect(sut(text)).toEqual({ script: 'none', language: 'und' });
  });

  it('normalises to NFC before counting, so both encodings of ज़ give the same answer', () => {
    const precomposed = '\u095B\u095B abcdefghijkl';
    const decomposed = '\u091C\u093C\u091C\u093C abcdefghijkl';

    expect(sut(precomposed)).toEqual({ script: 'mixed', language: 'hi' });
    expect(sut(decomposed)).toEqual({ script: 'mixed', language: 'hi' });
  });

  it.each([
    ['{"$where": "sleep(1000)"}', { script: 'latin', language: 'en' }],
    ['<script>alert("nahi mila")</script>', { script: 'latin', language: 'hi-Latn' }],
    ['nahi\u0000mila\u200Bhai\u001b', { script: 'latin', language: 'hi-Latn' }],
    ['राशन\u0000नहीं\u200Dमिला', { script: 'devanagari', language: 'hi' }],
  ] satisfies [string, ScriptAndLanguage][])('only reads markup and control characters: %j', (text, expected) => {
    expect(sut(text)).toEqual(expected);
  });

  it('reads a 4096-character message whole', () => {
    const sentence = 'Hamare panchayat me ration nahi mila, mukhiya ji paisa maang rahe hai. ';
    const hinglish = sentence.repeat(60).slice(0, 4096);
    const hindiWithEnglishTail = 'प्रखंड कार्यालय में कोई नहीं मिला। '.repeat(120).slice(0, 4000) + ' office closed';

    expect(sut(hinglish)).toEqual({ script: 'latin', language: 'hi-Latn' });
    expect(sut(hindiWithEnglishTail)).toEqual({ script: 'devanagari', language: 'hi' });
  });
});
