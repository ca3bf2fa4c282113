import type { SenderIdentity } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import type { OrgTree } from '../services/membership/src/organisation/org-tree';

/**
 * The bench's members, made up but shaped like an onboarding file: member `i` is a pure function
 * of `i`, so that the lookup and report phases know which sender keys belong to a member without
 * reading the store back. Every member's first phone is +91 9 followed by `i` in nine digits;
 * no member has a number starting with +91 6, which is where unknown senders come from.
 */
export const MEMBER_CSV_HEADER = 'external_id,name,phone,whatsapp_bsuid,app_user_id,home_unit,language,post,consent';

const FIRST = ['Ramesh', 'Sunita', 'Anil', 'Priya', 'Sanjay', 'Kavita', 'रमेश', 'सुनीता', 'अनिल', 'प्रिया', 'Birsa', 'Salkhan', 'Mukesh', 'Geeta'];
const LAST = ['Kumar', 'Devi', 'Oraon', 'Munda', 'Mahto', 'Singh', 'कुमार', 'देवी', 'उरांव', 'मुंडा', 'Ekka', 'Tirkey', 'Soren', 'Yadav'];

const nine = (i: number): string => String(i).padStart(9, '0');

export function primaryPhone(i: number): string {
  return `+919${nine(i)}`;
}

/** A valid Indian mobile number that no seeded member holds. */
export function unknownPhone(i: number): string {
  return `+916${nine(i)}`;
}

export function senderOf(e164: string): { sender: SenderIdentity; senderKey: string } {
  const sender: SenderIdentity = { kind: 'phone', e164 };
  return { sender, senderKey: canonicalSenderKey(sender) };
}

/** Home units: blocks mostly, districts too, spread evenly (a multiplicative hash of `i`). */
export function memberUnits(tree: OrgTree): string[] {
  return [...tree.values()].filter((unit) => unit.level === 'block' || unit.level === 'district').map((unit) => unit.code);
}

/**
 * One CSV line, as people write them: phones with and without +91, spaces, a leading 0; a
 * membership number for 70%, a second phone for 20%, an app user id for 10%, a WhatsApp BSUID
 * for 5%; the first member of each unit its president, every 97th a committee member.
 */
export function memberCsvLine(i: number, units: readonly string[]): string {
  const digits = `9${nine(i)}`;
  const phone = [`+91 ${digits.slice(0, 5)} ${digits.slice(5)}`, `0${digits}`, digits, `+91${digits}`][i % 4]!;
  const phones = i % 5 === 0 ? `${phone}; 8${nine(i)}` : phone;
  const president = i < units.length;
  const unit = president ? units[i]! : units[Number((BigInt(i) * 2654435761n) % BigInt(units.length))]!;
  const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
  return [
    i % 10 < 7 ? `M${nine(i)}` : '',
    name,
    phones,
    i % 20 === 0 ? `bsuid.IN.${nine(i)}` : '',
    i % 10 === 3 ? `app-user-${i}` : '',
    unit,
    i % 3 === 0 ? 'en' : 'hi',
    president ? 'president' : i % 97 === 0 ? 'member' : '',
    i % 2 === 0 ? 'yes' : 'no',
  ].join(',');
}

/** Lines `from` (inclusive) to `to` (exclusive) with the header, a few hundred lines per chunk. */
export async function* memberCsv(from: number, to: number, units: readonly string[]): AsyncGenerator<string> {
  yield `${MEMBER_CSV_HEADER}\n`;
  const chunk = 500;
  for (let start = from; start < to; start += chunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(start + chunk, to); i++) lines.push(memberCsvLine(i, units));
    yield `${lines.join('\n')}\n`;
  }
}
