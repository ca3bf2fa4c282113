import type { Block, Geography } from './geography';
import { Random, seedOf } from './random';

const FIRST_NAMES = [
  'Ramesh', 'Suresh', 'Sunita', 'Anita', 'Birsa', 'Sanjay', 'Pushpa', 'Manoj', 'Rekha', 'Ajay', 'Sushila', 'Vijay', 'Kiran', 'Rajesh',
  'Savitri', 'Deepak', 'Mamta', 'Anil', 'Geeta', 'Pradeep', 'Salma', 'Imran', 'Jyoti', 'Shankar', 'Phulmani', 'Sombari', 'Budhram',
  'Lakshmi', 'Arjun', 'Nirmala', 'Mukesh', 'Seema', 'Ravi', 'Parvati', 'Santosh', 'Meena', 'Dilip', 'Asha', 'Karma', 'Etwa',
] as const;
const SURNAMES = [
  'Oraon', 'Munda', 'Mahto', 'Kumar', 'Kumari', 'Singh', 'Yadav', 'Soren', 'Hembrom', 'Tirkey', 'Ekka', 'Minz', 'Kujur', 'Lakra',
  'Toppo', 'Sahu', 'Prasad', 'Marandi', 'Tudu', 'Hansda', 'Murmu', 'Kisku', 'Gope', 'Pandey', 'Jha', 'Ansari', 'Khan', 'Bhagat',
  'Mandal', 'Das', 'Ram', 'Paswan', 'Baraik', 'Lohra',
] as const;

export type Language = 'hi' | 'en' | 'hi-Latn';

/** Someone who sends reports: a member the simulator imported, or a worker membership does not know yet. */
export interface Sender {
  known: boolean;
  name: string;
  /** E.164; absent for app-only users. */
  phone?: string;
  appUserId?: string;
  language: Language;
  block: Block;
}

export interface Member extends Sender {
  known: true;
  index: number;
  externalId: string;
  phone: string;
  appUserId: string;
  post?: 'president' | 'secretary';
}

export function personName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
}

/**
 * Member `index` (1-based). It depends on its index only, never on the run's seed, so importing the
 * first N members again — with any seed, or a larger N — updates the same people: a re-run converges.
 * Phones are 98765xxxxx (fake, valid-format Indian mobiles).
 */
export function memberAt(index: number, geography: Geography): Member {
  const random = new Random(seedOf(`member:${index}`));
  const block = random.pick(geography.blocks);
  const phone = `+9198765${String(index).padStart(5, '0')}`;
  return {
    known: true,
    index,
    externalId: `SIM-M${String(index).padStart(6, '0')}`,
    name: personName(random),
    phone,
    appUserId: `sim-app-m${String(index).padStart(6, '0')}`,
    language: random.weighted<Language>({ hi: 5, 'hi-Latn': 3, en: 2 }),
    block,
  };
}

export const MAX_MEMBERS = 99_999;

/** The first `count` members, every twelfth an office-bearer: the first one in a block its president. */
export function membersOf(count: number, geography: Geography): Member[] {
  const presidents = new Set<string>();
  const members: Member[] = [];
  for (let index = 1; index <= count; index++) {
    const member = memberAt(index, geography);
    if (index % 12 === 0) {
      member.post = presidents.has(member.block.code) ? 'secretary' : 'president';
      presidents.add(member.block.code);
    }
    members.push(member);
  }
  return members;
}

/** The onboarding file for membership's `POST /v1/members/import`. */
export function membersCsv(members: readonly Member[]): string {
  const lines = ['external_id,name,phone,app_user_id,home_unit,language,post,consent'];
  for (const member of members) {
    lines.push(
      [member.externalId, member.name, member.phone, member.appUserId, member.block.code, member.language === 'en' ? 'en' : 'hi', member.post ?? '', 'yes'].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Workers membership does not know: phones from 98766–98769xxxxx, some app-only. */
export function unknownSenders(count: number, geography: Geography, random: Random): Sender[] {
  const senders: Sender[] = [];
  const seen = new Set<string>();
  while (senders.length < count) {
    const block = random.pick(geography.blocks);
    const language = random.weighted<Language>({ hi: 5, 'hi-Latn': 4, en: 1 });
    if (random.chance(0.15)) {
      const appUserId = `sim-app-u${random.chars(10)}`;
      senders.push({ known: false, name: personName(random), appUserId, language, block });
      continue;
    }
    const phone = `+91${random.pick(['98766', '98767', '98768', '98769'])}${random.chars(5, '0123456789')}`;
    if (seen.has(phone)) continue;
    seen.add(phone);
    senders.push({ known: false, name: personName(random), phone, language, block });
  }
  return senders;
}
