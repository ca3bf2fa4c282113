export type Script = 'devanagari' | 'latin' | 'mixed' | 'other' | 'none';
/** BCP 47. `hi-Latn` is Hinglish: Hindi written in Latin letters. `und`: undetermined. */
export type Language = 'hi' | 'en' | 'hi-Latn' | 'und';

export interface ScriptAndLanguage {
  script: Script;
  language: Language;
}

/**
 * Devanagari and Latin each need at least this share of the letters for the text to be `mixed`.
 * A Latin acronym in a Hindi sentence ("प्रखंड कार्यालय में BDO नहीं मिले": 3 of 28) stays well
 * below it; a sentence that switches script for whole words ("हमारे panchayat में road नहीं बना")
 * is far above it.
 */
export const MIXED_SCRIPT_MIN_SHARE = 0.2;

/**
 * Latin text is Hinglish when romanised-Hindi marker words make up at least this share of all
 * marker words (Hindi and English ones). Ties count as Hinglish: a writer who uses as many Hindi
 * grammar words as English ones is mixing codes, which English writers do not do.
 *
 * Only marker words count, not nouns, because Hinglish borrows English nouns freely
 * ("Ration card form submit kar diya") and English reports borrow Hindi ones ("Mukhiya ji has
 * not paid the pension"). On the test sentences English reports score 0 to 0.4 ("Mukhiya ji
 * said kal aana, but nothing happened for a month": 2 of 5) and Hinglish ones 0.6 to 1, most of
 * them 1, as English function words are rare in Hinglish.
 */
export const HINGLISH_MIN_SHARE = 0.5;

/**
 * Frequent romanised-Hindi words with their usual spellings: postpositions, pronouns,
 * auxiliaries, frequent verb forms, everyday words.
 */
const HINDI_MARKERS = new Set(
  `hai hain tha thi hoga hogi honge hota hoti hote hona hua hui hue ho
  nahi nahin nhi nai kya kyun kyon kyu kaise kaisa kaisi kab kahan kaha kaun kon
  aur bhi lekin magar toh phir fir ab abhi kal aaj jab jaha jahan jaise yaha yahan waha wahan
  ka ke ki ko se mein mai pe tak liye wala wale wali waala waale
  hum ham hamara hamare hamari humara humare humari aap aapka aapke aapki apna apne apni
  mera mere meri tum tumhara uska uske uski unka unke unki iska iske iski yeh yah woh wo vo
  koi kuch sab sabhi bahut bohot bahot zyada jyada kam
  kar karo karna karne karte karta karti karke kiya kiye kijiye karein
  de dena dete deta deti diya diye dijiye le lena lete leta leti liya
  ja jana jata jate jati gaya gaye gayi gai aa aana aata aate aaya aaye aayi
  raha rahi rahe rha rhi rhe mil mila mili milta milte milti milega milegi
  chahiye sakta sakte sakti bana banega bani bata batao bataye bolo bola bole suno dekho
  kaam baat ghar paisa paise gaon gaanv sadak mahina mahine saal darj maang karni
  kharab theek thik accha acha achha jaldi der shikayat sikayat sunwai samasya madad haan bilkul`.split(/\s+/),
);

/** Frequent English function words and the set phrases of English letters ("respected sir"). */
const ENGLISH_MARKERS = new Set(
  `a an and are am was were be been being has have had does did done not no nor but if than
  of on at for from with by about into after before since until
  this that these those it its we our you your they their them she his her him i my there here
  what when where who whom why how which will would shall should can could may might must
  very also only any some all every kindly dear respected regards`.split(/\s+/),
);
// In neither list, because they are common in both: me, main, in, is, us, to, the, do, so, he,
// hi, na, ye, or ("aur"), par, please; and the titles and places of the domain that English
// reports name in Hindi too: sir, ji, bhai, sahab, mukhiya, pradhan, panchayat, block, prakhand.

const LETTER = /[\p{L}\p{M}]/u;
// Script properties rather than code point ranges: Devanagari then also covers its Extended
// blocks, Latin the IAST letters of "Jhārkhaṇḍ". LETTER keeps their digits out.
const DEVANAGARI = /\p{Script=Devanagari}/u;
const LATIN = /\p{Script=Latin}/u;
// Combining marks that belong to no script, e.g. the emoji variation selector U+FE0F and the
// keycap U+20E3, would otherwise count as letters of some "other" script.
const SCRIPTLESS = /[\p{Script=Inherited}\p{Script=Common}]/u;
const LATIN_WORD = /\p{Script=Latin}+/gu;
const STRETCHED = /(\p{L})\1{2,}/gu;

/**
 * Reads which script a message is written in and guesses its language. Pure: it only reads.
 * Letters are counted after NFC; digits, punctuation, emoji and whitespace are ignored.
 * Devanagari vowel signs (matras) count as letters, as Latin vowels do, so that the same word
 * weighs about the same in either script.
 */
export function detectScriptAndLanguage(text: string): ScriptAndLanguage {
  const normalized = text.normalize('NFC');
  const script = scriptOf(normalized);
  switch (script) {
    case 'none':
    case 'other':
      return { script, language: 'und' };
    // Devanagari here means Hindi: Marathi and Nepali are not told apart, nor are they expected.
    case 'devanagari':
    case 'mixed':
      return { script, language: 'hi' };
    case 'latin':
      return { script, language: hinglishShare(normalized) >= HINGLISH_MIN_SHARE ? 'hi-Latn' : 'en' };
  }
}

function scriptOf(text: string): Script {
  let devanagari = 0;
  let latin = 0;
  let other = 0;
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    if (DEVANAGARI.test(char)) devanagari++;
    else if (LATIN.test(char)) latin++;
    else if (!SCRIPTLESS.test(char)) other++;
  }
  const letters = devanagari + latin + other;
  if (letters === 0) return 'none';
  if (Math.min(devanagari, latin) >= MIXED_SCRIPT_MIN_SHARE * letters) return 'mixed';
  if (other > devanagari && other > latin) return 'other';
  return devanagari >= latin ? 'devanagari' : 'latin';
}

/** Share of Hindi among the marker words; 0 when there is none. */
function hinglishShare(text: string): number {
  let hindi = 0;
  let english = 0;
  for (const [word] of text.toLowerCase().matchAll(LATIN_WORD)) {
    const spellings = unstretched(word);
    if (spellings.some((spelling) => HINDI_MARKERS.has(spelling))) hindi++;
    else if (spellings.some((spelling) => ENGLISH_MARKERS.has(spelling))) english++;
  }
  return hindi === 0 ? 0 : hindi / (hindi + english);
}

/**
 * "nahiiii", "haaaan": chat stretches letters for emphasis. A run of three or more stands for one
 * letter or for two, so both readings are looked up ("nahi", "haan").
 */
function unstretched(word: string): string[] {
  return [word, word.replace(STRETCHED, '$1'), word.replace(STRETCHED, '$1$1')];
}
