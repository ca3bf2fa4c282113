import type { Case } from '../cases/case';
import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';

/**
 * What the guard needs to know about a caller to filter many cases without a lookup per case:
 * every unit code on the paths of the units they act for or hold a post in. An excluded unit
 * among them means they act from inside it, or answer to someone it excludes.
 */
export interface Viewer {
  readonly unitCode: string;
  readonly memberId?: string;
  readonly conflictCodes: readonly string[];
}

export function viewerOf(unitCode: string, memberId: string | undefined, org: OrgView, posts: PostHoldersView, at: Date): Viewer {
  const held = memberId === undefined ? [] : posts.postsAt(memberId, at).map((post) => post.unitCode);
  const codes = [unitCode, ...held].flatMap((code) => org.pathOf(code) ?? [code]);
  return { unitCode, ...(memberId === undefined ? {} : { memberId }), conflictCodes: [...new Set(codes)] };
}

/** {@link canView} for many cases at once: handled at or below the viewer's unit, and not guarded against them. */
export function isVisibleTo(viewer: Viewer, c: Pick<Case, 'guard' | 'handler'>): boolean {
  if (viewer.memberId !== undefined && c.guard.excludedMemberIds.includes(viewer.memberId)) return false;
  if (c.guard.excludedUnitCodes.some((code) => viewer.conflictCodes.includes(code))) return false;
  return c.handler.desk.unitPath.includes(viewer.unitCode);
}
