import type { ComplaintCategory, DeskRef, DeskRole, PostKind } from '@cc/contracts';
import { reject, type Rejection } from '../shared/rejection';
import type { Language } from '../shared/channel';
import type { VariableValues } from '../templates/variables';
import type { NoticeFacts } from './notice';

export interface UnitName {
  nameEn: string;
  nameHi?: string;
}

export interface ValueContext {
  language: Language;
  unitName: (code: string) => UnitName | undefined;
  reopenDays: number;
}

const POSTS: Record<PostKind, Record<Language, string>> = {
  president: { hi: 'अध्यक्ष', en: 'president' },
  'vice-president': { hi: 'उपाध्यक्ष', en: 'vice-president' },
  'general-secretary': { hi: 'महासचिव', en: 'general secretary' },
  secretary: { hi: 'सचिव', en: 'secretary' },
  treasurer: { hi: 'कोषाध्यक्ष', en: 'treasurer' },
  'grievance-convenor': { hi: 'शिकायत संयोजक', en: 'grievance convenor' },
  member: { hi: 'सदस्य', en: 'member' },
};

const ROLES: Record<DeskRole, Record<Language, string>> = {
  'state-hq': { hi: 'प्रदेश मुख्यालय', en: 'State HQ' },
  'aicc-admin': { hi: 'AICC', en: 'AICC' },
};

const CATEGORIES: Record<ComplaintCategory, Record<Language, string>> = {
  'office-bearer-conduct': { hi: 'पदाधिकारी का आचरण', en: 'office-bearer conduct' },
  'bdo-conduct': { hi: 'BDO का आचरण', en: 'BDO conduct' },
  'co-conduct': { hi: 'CO का आचरण', en: 'CO conduct' },
  'government-service': { hi: 'सरकारी सेवा', en: 'government service' },
  organisational: { hi: 'संगठन', en: 'organisational' },
  other: { hi: 'अन्य', en: 'other' },
};

/** What each template's variables are written from; a template not here cannot be sent from an event. */
const VARIABLES: Readonly<Record<string, readonly (keyof typeof WRITERS)[]>> = {
  'report-acknowledged': ['reference'],
  'case-assigned': ['reference', 'assignedTo'],
  'case-escalated': ['reference', 'escalatedTo'],
  'case-resolved': ['reference', 'reopenDays'],
  'case-new-in-queue': ['reference', 'category', 'unitName', 'dueAt'],
  'case-escalated-to-you': ['reference', 'fromUnit', 'dueAt'],
  'deadline-breached': ['reference', 'dueAt'],
  'deadline-approaching': ['reference', 'dueAt', 'hoursLeft'],
};

type Writer = (facts: NoticeFacts, context: ValueContext) => string | number | undefined;

const WRITERS = {
  reference: (facts) => facts.reference,
  assignedTo: (facts, context) => facts.desk && deskLabel(facts.desk, context),
  escalatedTo: (facts, context) => facts.desk && deskLabel(facts.desk, context),
  reopenDays: (_, context) => context.reopenDays,
  category: (facts, context) => facts.category && CATEGORIES[facts.category][context.language],
  unitName: (facts, context) => facts.unitCode && unitLabel(facts.unitCode, context),
  fromUnit: (facts, context) => facts.fromUnitCode && unitLabel(facts.fromUnitCode, context),
  dueAt: (facts) => facts.dueAt,
  // Whole hours from the event to the deadline, at least 1: "3 घंटे बाकी" rather than "0".
  hoursLeft: (facts) => (facts.dueAt && facts.occurredAt ? Math.max(1, Math.round((Date.parse(facts.dueAt) - Date.parse(facts.occurredAt)) / 3_600_000)) : undefined),
} satisfies Record<string, Writer>;

/**
 * The template's values in the recipient's language. A value the event does not carry is an
 * expected failure with its name (`NOTICE.MISSING_FACT`), recorded on the notification (a case
 * event after which the case has no deadline, say).
 */
export function noticeValues(templateKey: string, facts: NoticeFacts, context: ValueContext): VariableValues | Rejection<'NOTICE.MISSING_FACT' | 'NOTICE.UNKNOWN_TEMPLATE'> {
  const names = VARIABLES[templateKey];
  if (!names) return reject('NOTICE.UNKNOWN_TEMPLATE', `no event writes the values of "${templateKey}"`);
  const values: Record<string, string | number> = {};
  const missing: string[] = [];
  for (const name of names) {
    const value = WRITERS[name](facts, context);
    if (value === undefined || value === '') missing.push(name);
    else values[name] = value;
  }
  if (missing.length > 0) return reject('NOTICE.MISSING_FACT', `the event does not carry ${missing.map((name) => `"${name}"`).join(', ')} for "${templateKey}"`);
  return values;
}

export function unitLabel(code: string, context: Pick<ValueContext, 'language' | 'unitName'>): string {
  const name = context.unitName(code);
  if (!name) return code;
  return context.language === 'hi' ? (name.nameHi ?? name.nameEn) : name.nameEn;
}

/** `रांची के शिकायत संयोजक` / `Ranchi grievance convenor`; a role desk by its name. */
export function deskLabel(desk: DeskRef, context: Pick<ValueContext, 'language' | 'unitName'>): string {
  const unit = unitLabel(desk.unitCode, context);
  if (desk.kind === 'role') return desk.role === 'aicc-admin' ? ROLES[desk.role][context.language] : `${unit} ${ROLES[desk.role][context.language]}`;
  const post = POSTS[desk.post][context.language];
  return context.language === 'hi' ? `${unit} के ${post}` : `${unit} ${post}`;
}
