import { memberIdSchema, type ComplaintCategory, type ReportAttributed } from '@cc/contracts';
import { findCues, type Cue, type NamedOfficeBearer } from './complaint-cues';
import { assessSeverity, type Severity } from './severity';

/** Whom a complaint is about, as far as the report says. */
export type ComplaintSubject =
  | ({ kind: 'office-bearer' } & NamedOfficeBearer)
  | { kind: 'member'; memberId: string }
  | { kind: 'government-office'; office: 'bdo' | 'co' };

export interface RecognisedComplaint {
  complaint: true;
  category: ComplaintCategory;
  /** The main subject, which routing reads; absent when the report names nobody. */
  subject?: ComplaintSubject;
  /** Every office-bearer the report names, for the conflict-of-interest guard: not only the subject. */
  namedOfficeBearers: NamedOfficeBearer[];
  /** As the reporter wrote it in the app, when they did. */
  subjectText?: string;
  severity: Severity;
  via: 'declared' | 'keyword';
  /** What was matched, for the audit trail: "complaint:शिकायत", "bdo:BDO". */
  cues: string[];
}

export type Recognition = RecognisedComplaint | { complaint: false };

const STRONG_SUBJECTS = new Set<Cue['kind']>(['bdo', 'co', 'office-bearer']);

/**
 * Whether a report is a complaint, and of what. The reporter's own choice (the app's "file a
 * complaint", an integrator's `declaredComplaint`) always wins. Otherwise the text decides, with
 * intake's keyword hints as a second opinion, by these rules:
 * 1. it says it is a complaint (शिकायत, complaint, grievance, shikayat); or
 * 2. it says there is a problem (समस्या, problem) and names a BDO, CO or office-bearer, or misconduct; or
 * 3. it names misconduct (घूस, रिश्वत, bribe, corruption) and a BDO, CO or office-bearer.
 * The category is that of the first BDO, CO or office-bearer named; else a government service or
 * scheme; else an organisational matter; else other. See the README for the word lists.
 */
export function recogniseComplaint(report: ReportAttributed): Recognition {
  const cues = findCues(report.text);
  const hinted = new Set(report.keywords.map(({ category }) => category));
  const has = (kind: Cue['kind']) => cues.some((cue) => cue.kind === kind) || hinted.has(kind);
  const named = namedOfficeBearers(cues);
  const severity = assessSeverity(report.text);
  const base = { namedOfficeBearers: named, severity: severity.severity };
  const cueLabels = [...cues.map(({ kind, term }) => `${kind}:${term}`), ...severity.cues.map((term) => `severity:${term}`)];

  if (report.declaredComplaint) {
    const { category, subject: subjectText } = report.declaredComplaint;
    const fromSubject = subjectText ? findCues(subjectText) : [];
    const declaredNamed = [...namedOfficeBearers(fromSubject), ...named];
    return {
      complaint: true,
      category,
      ...optional('subject', declaredSubject(category, subjectText, fromSubject.length > 0 ? fromSubject : cues)),
      ...base,
      namedOfficeBearers: dedupe(declaredNamed),
      ...optional('subjectText', subjectText),
      via: 'declared',
      cues: [`declared:${category}`, ...cueLabels],
    };
  }

  const subjectCue = cues.find((cue) => STRONG_SUBJECTS.has(cue.kind));
  const namesSomeone = subjectCue !== undefined || hinted.has('bdo') || hinted.has('co') || hinted.has('office-bearer');
  const misconduct = has('misconduct') || hinted.has('corruption');
  const strong = cues.some((cue) => cue.kind === 'complaint') || report.keywords.some(isStrongComplaintHint);
  const problem = has('problem') || hinted.has('complaint');
  if (!(strong || (problem && (namesSomeone || misconduct)) || (misconduct && namesSomeone))) return { complaint: false };

  const subject = subjectCue ? subjectOf(subjectCue) : hintedSubject(hinted);
  return {
    complaint: true,
    category: subject ? categoryOf(subject) : topicCategory(has, hinted),
    ...optional('subject', subject),
    ...base,
    via: 'keyword',
    cues: cueLabels,
  };
}

// Intake files "problem" and "समस्या" under its complaint hint too; only these say "complaint".
const STRONG_COMPLAINT_TERMS = new Set(['complaint', 'complain', 'grievance', 'shikayat', 'sikayat', 'शिकायत', 'परिवाद']);

function isStrongComplaintHint(hint: { category: string; matched: string }): boolean {
  return hint.category === 'complaint' && STRONG_COMPLAINT_TERMS.has(hint.matched.toLowerCase());
}

function subjectOf(cue: Cue): ComplaintSubject | undefined {
  if (cue.kind === 'bdo' || cue.kind === 'co') return { kind: 'government-office', office: cue.kind };
  if (cue.kind === 'office-bearer') return { kind: 'office-bearer', ...cue.officeBearer };
  return undefined;
}

function topicCategory(has: (kind: Cue['kind']) => boolean, hinted: ReadonlySet<string>): ComplaintCategory {
  if (has('government-service') || hinted.has('scheme') || hinted.has('land')) return 'government-service';
  if (has('organisational') || hinted.has('activity')) return 'organisational';
  return 'other';
}

function hintedSubject(hinted: ReadonlySet<string>): ComplaintSubject | undefined {
  if (hinted.has('bdo')) return { kind: 'government-office', office: 'bdo' };
  if (hinted.has('co')) return { kind: 'government-office', office: 'co' };
  if (hinted.has('office-bearer')) return { kind: 'office-bearer' };
  return undefined;
}

function categoryOf(subject: ComplaintSubject): ComplaintCategory {
  if (subject.kind === 'government-office') return subject.office === 'bdo' ? 'bdo-conduct' : 'co-conduct';
  return 'office-bearer-conduct';
}

/**
 * The subject of a declared complaint: a member id when the app sent one; else what the subject
 * text (or, without one, the report) names that fits the category. Office-bearers named outside
 * the subject still reach the guard through `namedOfficeBearers`.
 */
function declaredSubject(category: ComplaintCategory, subjectText: string | undefined, cues: readonly Cue[]): ComplaintSubject | undefined {
  const trimmed = subjectText?.trim();
  if (trimmed && memberIdSchema.safeParse(trimmed).success) return { kind: 'member', memberId: trimmed };
  if (category === 'bdo-conduct') return { kind: 'government-office', office: 'bdo' };
  if (category === 'co-conduct') return { kind: 'government-office', office: 'co' };
  const officeBearer = cues.find((cue) => cue.kind === 'office-bearer');
  if (officeBearer) return { kind: 'office-bearer', ...officeBearer.officeBearer };
  return category === 'office-bearer-conduct' ? { kind: 'office-bearer' } : undefined;
}

function namedOfficeBearers(cues: readonly Cue[]): NamedOfficeBearer[] {
  return dedupe(cues.flatMap((cue) => (cue.kind === 'office-bearer' && cue.officeBearer ? [cue.officeBearer] : [])));
}

function dedupe(named: readonly NamedOfficeBearer[]): NamedOfficeBearer[] {
  const seen = new Map(named.map((each) => [`${each.post ?? '*'}@${each.level ?? '*'}`, each]));
  return [...seen.values()];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
