import { type PostKind, type UnitLevel, DeskRoles, type DeskRole } from '@cc/contracts';
import type { CaseGuard, Desk } from '../cases/case';
import { isPathExcluded } from '../cases/case-guard';
import type { OrgUnitRef, OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import { isMemberConflicted } from './member-conflict';

/** A desk as rules name it: a committee post (`grievance-convenor`) or an HQ role (`state-hq`). */
export type DeskSpec = PostKind | DeskRole;

/** Which desks take a case at each level, in order of preference, when a rule's own desk cannot. */
export type DeskPreferences = Readonly<Record<UnitLevel, readonly DeskSpec[]>>;

/** The level each role desk sits at. */
export const ROLE_DESK_LEVELS: Readonly<Record<DeskRole, UnitLevel>> = { 'state-hq': 'state', 'aicc-admin': 'national' };

/**
 * The grievance cell's convenor where there is one, else the president. The state and AICC
 * act through their HQ desks, which are always staffed: escalation always ends somewhere.
 */
export const DEFAULT_DESK_PREFERENCES: DeskPreferences = {
  panchayat: ['grievance-convenor', 'president'],
  block: ['grievance-convenor', 'president'],
  district: ['grievance-convenor', 'president'],
  state: ['state-hq'],
  national: ['aicc-admin'],
};

export function isRoleSpec(spec: DeskSpec): spec is DeskRole {
  return (DeskRoles as readonly string[]).includes(spec);
}

/** What route and escalation need to pick a desk at an instant. */
export interface DeskContext {
  readonly org: OrgView;
  readonly posts: PostHoldersView;
  readonly at: Date;
  readonly preferences: DeskPreferences;
}

export interface DeskChoice {
  readonly desk: Desk;
  readonly memberIds: readonly string[];
}

/**
 * The first of `specs` that can take the case at the unit: a role desk at its own level, or a post
 * with at least one active holder who is not conflicted. None when the unit itself is excluded.
 */
export function eligibleDeskAt(guard: CaseGuard, unit: OrgUnitRef, specs: readonly DeskSpec[], ctx: DeskContext): DeskChoice | undefined {
  if (isPathExcluded(guard, unit.path)) return undefined;
  const place = { unitCode: unit.code, level: unit.level, unitPath: unit.path };
  for (const spec of specs) {
    if (isRoleSpec(spec)) {
      if (ROLE_DESK_LEVELS[spec] === unit.level) return { desk: { kind: 'role', role: spec, ...place }, memberIds: [] };
      continue;
    }
    const memberIds = ctx.posts
      .holdersAt(unit.code, spec, ctx.at)
      .filter((memberId) => ctx.posts.isActive(memberId) && !isMemberConflicted(guard, memberId, ctx.org, ctx.posts, ctx.at));
    if (memberIds.length > 0) return { desk: { kind: 'post', post: spec, ...place }, memberIds };
  }
  return undefined;
}
