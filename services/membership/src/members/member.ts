import { z } from 'zod';
import { maskPhone, normalizeIndianPhone, type PhoneRejection } from '@cc/identity';
import type { OrgTree } from '../organisation/org-tree';
import { canonicalUnitCode, UNIT_CODE, UNIT_CODE_RULE } from '../organisation/unit';
import { reject, type Rejection } from '../shared/rejection';

export const MEMBER_STATUSES = ['active', 'pending', 'suspended', 'left'] as const;
export const MEMBER_LANGUAGES = ['hi', 'en'] as const;
/** Enough for a personal and a family phone and a WhatsApp-only number, few enough to notice a paste error. */
export const MAX_PHONES = 5;

export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type MemberLanguage = (typeof MEMBER_LANGUAGES)[number];

/**
 * A party member. Posts are not stored here: they are tenures in the post register, which keeps
 * their history. `phones` are E.164 in the order given, the first the one to call.
 */
export interface Member {
  id: string;
  /** The party's own membership number, when the onboarding file has one. */
  externalId?: string;
  name: string;
  phones: string[];
  /** WhatsApp business-scoped user id, for users who hide their number behind a username. */
  whatsappBsuid?: string;
  appUserId?: string;
  homeUnitCode: string;
  language: MemberLanguage;
  status: MemberStatus;
  consent: { contact: boolean; at: Date };
  createdAt: Date;
  updatedAt: Date;
}

/** What a person or a file says about a member; the rest (id, status, times) is the service's. */
export interface MemberFields {
  externalId?: string;
  name: string;
  phones: string[];
  whatsappBsuid?: string;
  appUserId?: string;
  homeUnitCode: string;
  language: MemberLanguage;
  consentToContact: boolean;
}

export type MemberCode =
  | 'MEMBER.INVALID_NAME'
  | 'MEMBER.INVALID_PHONE'
  | 'MEMBER.TOO_MANY_PHONES'
  | 'MEMBER.INVALID_IDENTITY'
  | 'MEMBER.NO_IDENTITY'
  | 'MEMBER.INVALID_UNIT'
  | 'MEMBER.UNKNOWN_UNIT'
  | 'MEMBER.INVALID_LANGUAGE'
  | 'MEMBER.INVALID_FIELD';

const PHONE_REASONS: Record<PhoneRejection, string> = {
  empty: 'is empty',
  'invalid-characters': 'has characters other than digits, spaces, dashes and a leading +',
  'too-short': 'has too few digits',
  'too-long': 'has too many digits',
  'not-indian-mobile': 'is not an Indian mobile number (10 digits starting with 6 to 9)',
  'invalid-country-code': 'has no valid country code',
};

const opaqueId = (max: number) =>
  z.string().regex(new RegExp(`^[^\\s\\p{Cc}]{1,${max}}$`, 'u'), `is 1 to ${max} characters without spaces`);

// Checks only: tidying happens before, in plain code, because zod transforms cost more than the
// rest of an import row put together.
const memberFieldsSchema = z.strictObject({
  externalId: opaqueId(64).optional(),
  name: z
    .string()
    .min(1, { message: 'is missing', abort: true })
    .max(100, 'is longer than 100 characters')
    .regex(/^[^\p{N}\p{Cc}]*$/u, 'has digits or control characters')
    .regex(/\p{L}/u, 'has no letters'),
  phones: z.array(z.string(), 'is a list').max(MAX_PHONES, `holds at most ${MAX_PHONES} numbers`).optional(),
  whatsappBsuid: opaqueId(256).optional(),
  appUserId: opaqueId(128).optional(),
  homeUnitCode: z.string().regex(UNIT_CODE, UNIT_CODE_RULE),
  language: z.enum(MEMBER_LANGUAGES, 'is hi or en'),
  consentToContact: z.boolean('is true or false'),
});

interface Problem {
  code: MemberCode;
  reason: string;
}

const FIELD_CODES: Record<string, { code: MemberCode; label: string }> = {
  name: { code: 'MEMBER.INVALID_NAME', label: 'name' },
  phones: { code: 'MEMBER.INVALID_PHONE', label: 'phones' },
  externalId: { code: 'MEMBER.INVALID_IDENTITY', label: 'external id' },
  whatsappBsuid: { code: 'MEMBER.INVALID_IDENTITY', label: 'WhatsApp BSUID' },
  appUserId: { code: 'MEMBER.INVALID_IDENTITY', label: 'app user id' },
  homeUnitCode: { code: 'MEMBER.INVALID_UNIT', label: 'home unit' },
  language: { code: 'MEMBER.INVALID_LANGUAGE', label: 'language' },
  consentToContact: { code: 'MEMBER.INVALID_FIELD', label: 'consent' },
};

/**
 * Validates what a person, a form or an import row says about a member: phones normalised to
 * E.164 (duplicates dropped), the name tidied, the home unit one the tree knows. Every problem is
 * in the reason; the code is the first one's.
 */
export function parseMemberFields(input: unknown, tree: OrgTree): { ok: true; fields: MemberFields } | Rejection<MemberCode> {
  const tidied = tidy(input);
  const parsed = memberFieldsSchema.safeParse(tidied);
  const problems = parsed.success ? [] : parsed.error.issues.map(problemOf);
  const phones = normalizePhones(isRecord(tidied) ? tidied.phones : undefined, problems);
  if (!parsed.success || problems.length > 0) return rejectAll(problems);

  const { externalId, whatsappBsuid, appUserId, ...required } = parsed.data;
  const fields: MemberFields = {
    ...required,
    phones,
    ...(externalId ? { externalId } : {}),
    ...(whatsappBsuid ? { whatsappBsuid } : {}),
    ...(appUserId ? { appUserId } : {}),
  };
  if (phones.length === 0 && !whatsappBsuid && !appUserId) {
    return reject('MEMBER.NO_IDENTITY', 'a member needs a phone, a WhatsApp BSUID or an app user id, or their reports cannot be attributed');
  }
  const unit = tree.get(fields.homeUnitCode);
  if (!unit) return reject('MEMBER.UNKNOWN_UNIT', `home unit ${fields.homeUnitCode} is not a known unit`);
  return { ok: true, fields };
}

function tidy(input: unknown): unknown {
  if (!isRecord(input)) return input;
  const tidied: Record<string, unknown> = { ...input };
  if (typeof input.name === 'string') tidied.name = input.name.normalize('NFC').replace(/\s+/g, ' ').trim();
  for (const key of ['externalId', 'whatsappBsuid', 'appUserId'] as const) {
    const value = input[key];
    if (typeof value === 'string') tidied[key] = value.trim();
  }
  if (typeof input.homeUnitCode === 'string') tidied.homeUnitCode = canonicalUnitCode(input.homeUnitCode);
  return tidied;
}

// A phone is named by its position and never echoed: the number is personal data, and error
// reports are read by people who should not learn it.
function normalizePhones(raw: unknown, problems: Problem[]): string[] {
  if (!Array.isArray(raw) || raw.length > MAX_PHONES) return [];
  const phones: string[] = [];
  raw.forEach((phone: unknown, index) => {
    if (typeof phone !== 'string') return;
    const normalized = normalizeIndianPhone(phone);
    if (!normalized.ok) problems.push({ code: 'MEMBER.INVALID_PHONE', reason: `phone ${index + 1} ${PHONE_REASONS[normalized.reason]}` });
    else if (!phones.includes(normalized.e164)) phones.push(normalized.e164);
  });
  return phones;
}

function problemOf(issue: z.core.$ZodIssue): Problem {
  const field = FIELD_CODES[String(issue.path[0])];
  if (!field) return { code: 'MEMBER.INVALID_FIELD', reason: issue.message };
  if (issue.path[0] === 'phones' && issue.code === 'too_big') return { code: 'MEMBER.TOO_MANY_PHONES', reason: `phones ${issue.message}` };
  return { code: field.code, reason: `${field.label} ${issue.message}` };
}

function rejectAll(problems: Problem[]): Rejection<MemberCode> {
  return reject(problems[0].code, problems.map(({ reason }) => reason).join('; '));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function newMember(fields: MemberFields, context: { id: string; now: Date; status?: MemberStatus }): Member {
  const { consentToContact, ...rest } = fields;
  return {
    id: context.id,
    ...rest,
    phones: [...fields.phones],
    status: context.status ?? 'active',
    consent: { contact: consentToContact, at: context.now },
    createdAt: context.now,
    updatedAt: context.now,
  };
}

/**
 * What a re-import or an edit does to a known member. Single-valued fields take the new value when
 * given. Phones are added to the member's, never removed: a number dropped from a spreadsheet
 * would silently stop the member's reports from being theirs; removing one is a deliberate act.
 * The status is left alone, so a re-import does not re-activate a suspended member. The consent
 * time moves only when the consent changes.
 */
export function updateMember(
  member: Member,
  fields: MemberFields,
  now: Date,
): { ok: true; member: Member } | Rejection<'MEMBER.TOO_MANY_PHONES'> {
  const phones = [...fields.phones, ...member.phones.filter((phone) => !fields.phones.includes(phone))];
  if (phones.length > MAX_PHONES) {
    const known = member.phones.map(maskPhone).join(', ');
    return reject(
      'MEMBER.TOO_MANY_PHONES',
      `member ${member.id} would have ${phones.length} phones, more than ${MAX_PHONES}; remove one of ${known} first`,
    );
  }
  const { consentToContact, ...rest } = fields;
  const consent = consentToContact === member.consent.contact ? member.consent : { contact: consentToContact, at: now };
  return { ok: true, member: { ...member, ...withoutUndefined(rest), phones, consent, updatedAt: now } };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}
