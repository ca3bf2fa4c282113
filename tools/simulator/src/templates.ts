import type { ComplaintCategory } from '@cc/contracts';
import { type Block, VILLAGES as VILLAGE_NAMES } from './geography';
import type { Language } from './people';
import type { Random } from './random';

export interface Complaint {
  category: ComplaintCategory;
  subject: string;
}

interface Template {
  text: string;
  complaint?: Complaint;
}

const bdo: Complaint = { category: 'bdo-conduct', subject: 'BDO' };
const co: Complaint = { category: 'co-conduct', subject: 'CO' };
const blockPresident: Complaint = { category: 'office-bearer-conduct', subject: 'block president' };
const districtPresident: Complaint = { category: 'office-bearer-conduct', subject: 'district president' };
const ration: Complaint = { category: 'government-service', subject: 'ration dealer' };
const pension: Complaint = { category: 'government-service', subject: 'pension' };
const organisation: Complaint = { category: 'organisational', subject: 'committee' };

/** What workers report: meetings, rallies, membership drives, the state of their area. */
const REPORTS: Record<Language, readonly string[]> = {
  hi: [
    '{block} प्रखंड में आज कार्यकर्ता बैठक हुई, {count} लोग आए।',
    '{village} पंचायत में सदस्यता अभियान चल रहा है, अब तक {count} नए सदस्य जुड़े।',
    '{districtHi} जिला कांग्रेस की रैली {day} को है, {block} से {count} गाड़ियाँ जाएँगी।',
    '{village} गाँव में संगठन सृजन की चौपाल लगी, महिलाओं की अच्छी भागीदारी रही।',
    '{block} प्रखंड कमेटी का गठन पूरा हुआ, सूची भेज रहे हैं।',
    '{village} में सड़क का काम अधूरा पड़ा है, लोग नाराज़ हैं।',
    '{block} में बूथ स्तर की बैठक {day} को रखी गई है।',
    '{village} पंचायत में पानी की टंकी खराब है, तीन हफ्ते से पानी नहीं।',
    '{districtHi} में युवा कांग्रेस का प्रशिक्षण शिविर सफल रहा।',
    '{block} प्रखंड में {count} पंचायतों में कमेटी बन चुकी है।',
  ],
  'hi-Latn': [
    '{block} block me aaj karyakarta baithak hui, {count} log aaye',
    '{village} panchayat me sadasyata abhiyan chal raha hai, {count} naye sadasya jude',
    'Rally {day} ko hai {district} me, {block} se {count} gaadi jayegi',
    '{village} gaon me chaupal lagi, sangathan srijan pe charcha hui',
    '{block} prakhand committee ka gathan ho gaya, list bhej rahe hain',
    '{village} me sadak ka kaam adhura hai, log bahut naraz hain',
    'Booth level meeting {day} ko {block} me rakhi gayi hai',
    '{village} panchayat me hand pump kharab hai, paani nahi mil raha',
    '{district} me youth congress ka training camp achha raha',
    '{block} me {count} panchayat me committee ban gayi',
  ],
  en: [
    'Workers meeting held today in {block} block, {count} people attended.',
    'Membership drive in {village} panchayat: {count} new members so far.',
    'District rally in {district} on {day}; {count} vehicles going from {block}.',
    'Chaupal held in {village} village on organisation building, good turnout of women.',
    '{block} block committee formed, sending the list.',
    'Road work in {village} left unfinished, people are angry.',
    'Booth level meeting fixed for {day} in {block}.',
    'Water tank in {village} panchayat broken for three weeks.',
    'Youth Congress training camp in {district} went well.',
    'Committees formed in {count} panchayats of {block} block.',
  ],
};

/** Complaints about office-bearers, BDOs, COs and government services, as workers write them. */
const COMPLAINTS: Record<Language, readonly Template[]> = {
  hi: [
    { text: 'शिकायत: {block} के BDO तीन दिन से दफ्तर नहीं आए, मनरेगा का भुगतान रुका है।', complaint: bdo },
    { text: '{block} अंचल के CO दाखिल-खारिज के लिए पैसे माँग रहे हैं, शिकायत दर्ज करें।', complaint: co },
    { text: 'प्रखंड अध्यक्ष बैठक नहीं बुलाते और कार्यकर्ताओं की बात नहीं सुनते, {block}।', complaint: blockPresident },
    { text: '{village} में राशन डीलर दो महीने से अनाज नहीं दे रहा, शिकायत है।', complaint: ration },
    { text: '{village} पंचायत में वृद्धा पेंशन छह महीने से नहीं आई, कोई सुनवाई नहीं।', complaint: pension },
    { text: 'जिला अध्यक्ष {districtHi} ने कमेटी में अपने लोग भर दिए, पुराने कार्यकर्ता नाराज़, शिकायत।', complaint: districtPresident },
    { text: '{block} में पंचायत कमेटी की सूची छह महीने से लंबित है, शिकायत।', complaint: organisation },
  ],
  'hi-Latn': [
    { text: 'Shikayat: {block} ke BDO sahab office me nahi milte, MGNREGA payment ruka hai', complaint: bdo },
    { text: '{block} ke CO mutation ke liye paise maang rahe hain, complaint darj karo', complaint: co },
    { text: 'Block adhyaksh meeting nahi bulate, karyakarta ki baat nahi sunte, {block}', complaint: blockPresident },
    { text: '{village} me ration dealer 2 mahine se anaj nahi de raha, shikayat hai', complaint: ration },
    { text: '{village} panchayat me pension 6 mahine se nahi aayi, koi sunwai nahi', complaint: pension },
    { text: '{district} ke zila adhyaksh ne committee me apne log bhar diye, shikayat', complaint: districtPresident },
  ],
  en: [
    { text: 'Complaint: BDO of {block} absent for three days, MGNREGA payments stuck.', complaint: bdo },
    { text: 'The CO of {block} circle is asking for money for land mutation. Please register a complaint.', complaint: co },
    { text: 'Our block president never calls meetings and ignores workers, {block}. Complaint.', complaint: blockPresident },
    { text: 'Ration dealer in {village} has not given grain for two months. Complaint.', complaint: ration },
    { text: 'Old age pension not received in {village} panchayat for six months.', complaint: pension },
  ],
};

/** Media captions (short, as people type them under a photo). */
const CAPTIONS: Record<Language, readonly string[]> = {
  hi: ['{village} की सड़क', 'बैठक की तस्वीर', 'जनसभा {block}', 'शिकायत पत्र', 'राशन कार्ड', '{block} प्रखंड कार्यालय'],
  'hi-Latn': ['{village} ki sadak', 'meeting ki photo', 'rally {block}', 'shikayat patra', 'ration card', 'block office {block}'],
  en: ['road in {village}', 'meeting photo', 'rally at {block}', 'complaint letter', 'ration card', '{block} block office'],
};

export interface Text {
  text: string;
  language: Language;
  complaint?: Complaint;
}

export function messageText(random: Random, language: Language, block: Block, complaint: boolean): Text {
  if (complaint) {
    const template = random.pick(COMPLAINTS[language]);
    return { text: fill(template.text, random, block), language, ...(template.complaint ? { complaint: template.complaint } : {}) };
  }
  return { text: fill(random.pick(REPORTS[language]), random, block), language };
}

export function caption(random: Random, language: Language, block: Block): string {
  return fill(random.pick(CAPTIONS[language]), random, block);
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function fill(template: string, random: Random, block: Block): string {
  return template
    .replaceAll('{block}', block.name)
    .replaceAll('{districtHi}', block.district.nameHi)
    .replaceAll('{district}', block.district.nameEn)
    .replaceAll('{village}', random.pick(VILLAGE_NAMES))
    .replaceAll('{count}', String(random.int(5, 120)))
    .replaceAll('{day}', random.pick(DAYS));
}
