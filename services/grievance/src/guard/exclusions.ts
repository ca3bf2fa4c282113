import type { UnitLevel } from '@cc/contracts';
import type { Case, CaseGuard, CaseSubject } from '../cases/case';
import { unionGuards } from '../cases/case-guard';
import type { OrgView } from '../org/org-view';
import { OFFICE_BEARER_POSTS, type PostHoldersView } from '../org/post-holders';
import type { NamedOfficeBearer } from '../recognition/complaint-cues';
import type { ComplaintSubject } from '../recognition/recognise-complaint';

/** Where an office-bearer named without a place may sit: the reporter's own committees below the state. */
const UNCERTAIN_LEVELS: readonly UnitLevel[] = ['district', 'block', 'panchayat'];

/**
 * The subject as of the complaint: a post resolved to the unit on the reporter's path at the named
 * level, and to whoever held it at that instant (not whoever holds it now). When the report does
 * not say where ("अध्यक्ष जी"), every committee on the reporter's path from their unit up to the
 * district is taken as possibly meant; the guard then keeps the case away from all of them.
 */
export function resolveSubject(subject: ComplaintSubject | undefined, reporterUnitCode: string, org: OrgView, posts: PostHoldersView, at: Date): CaseSubject {
  if (!subject) return { kind: 'none' };
  if (subject.kind !== 'office-bearer') return subject;
  const { unitCodes, certain } = candidateUnits(subject, reporterUnitCode, org);
  return {
    kind: 'office-bearer',
    ...(subject.post ? { post: subject.post } : {}),
    ...(subject.level ? { level: subject.level } : {}),
    unitCodes,
    memberIds: holdersOf(subject, unitCodes, posts, at),
    certain,
  };
}

export interface ExclusionInput {
  readonly subject: CaseSubject;
  /** Every office-bearer the report names, the subject's mention included. */
  readonly named: readonly NamedOfficeBearer[];
  readonly reporterUnitCode: string;
  /** When the complaint was made: the posts held then decide. */
  readonly at: Date;
}

/**
 * Who and where a case must stay away from:
 * - members: everyone the complaint names, as resolved at the time of the complaint;
 * - units: the units of the named posts (even vacant ones: the post was named), and every unit
 *   where a named member holds any post — the committee they preside over and, as decided here,
 *   any committee they merely sit on, since its members answer to or work beside them.
 * An excluded unit excludes its subtree: a block president's panchayats are under his authority.
 */
export function exclusionsFor(input: ExclusionInput, org: OrgView, posts: PostHoldersView): CaseGuard {
  const { subject, named, reporterUnitCode, at } = input;
  const members: string[] = [];
  const units: string[] = [];
  if (subject.kind === 'office-bearer') {
    members.push(...subject.memberIds);
    units.push(...subject.unitCodes);
  }
  if (subject.kind === 'member') members.push(subject.memberId);
  for (const each of named) {
    const { unitCodes } = candidateUnits(each, reporterUnitCode, org);
    units.push(...unitCodes);
    members.push(...holdersOf(each, unitCodes, posts, at));
  }
  return refreshGuard({ excludedMemberIds: members, excludedUnitCodes: units }, posts, at);
}

/**
 * The guard with the units the excluded members hold posts in at `at` added. Asked again at every
 * routing and escalation: an accused block president promoted to the district since the complaint
 * must not receive it there either. Exclusions only grow.
 */
export function refreshGuard(guard: CaseGuard, posts: PostHoldersView, at: Date): CaseGuard {
  const held = guard.excludedMemberIds.flatMap((memberId) => posts.postsAt(memberId, at).map(({ unitCode }) => unitCode));
  return unionGuards(guard, { excludedMemberIds: [], excludedUnitCodes: held });
}

/** The guard of a stored case refreshed at `at`. */
export function currentGuard(c: Pick<Case, 'guard'>, posts: PostHoldersView, at: Date): CaseGuard {
  return refreshGuard(c.guard, posts, at);
}

function candidateUnits(named: NamedOfficeBearer, reporterUnitCode: string, org: OrgView): { unitCodes: string[]; certain: boolean } {
  const exact = named.level ? org.ancestorAt(reporterUnitCode, named.level) : undefined;
  if (exact) return { unitCodes: [exact.code], certain: true };
  const reporterUnit = org.get(reporterUnitCode);
  if (!reporterUnit) return { unitCodes: [], certain: false };
  const onPath = UNCERTAIN_LEVELS.map((level) => org.ancestorAt(reporterUnit.code, level)?.code).filter((code): code is string => code !== undefined);
  const own = reporterUnit.level === 'state' ? [reporterUnit.code] : [];
  return { unitCodes: [...own, ...onPath], certain: false };
}

function holdersOf(named: NamedOfficeBearer, unitCodes: readonly string[], posts: PostHoldersView, at: Date): string[] {
  const wanted = named.post ? [named.post] : OFFICE_BEARER_POSTS;
  return [...new Set(unitCodes.flatMap((unitCode) => wanted.flatMap((post) => posts.holdersAt(unitCode, post, at))))];
}
