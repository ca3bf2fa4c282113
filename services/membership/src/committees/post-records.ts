import type { OrgTree } from '../organisation/org-tree';
import { reject, type Rejection } from '../shared/rejection';
import { committeeOf } from './committee';
import { POST_KINDS, type PostKind } from './post-kind';
import { PostRegister, type TenureCode } from './post-register';
import { isHeldAt } from './tenure';

/**
 * A post as a member's record keeps it: the member, the unit, the post and the start name it, so
 * it needs no id of its own. The member's record is where posts are stored (and published from);
 * a {@link PostRegister} built from the records of a committee's members applies the rules.
 */
export interface PostRecord {
  unitCode: string;
  post: PostKind;
  from: Date;
  to?: Date;
}

export interface PostHolder {
  memberId: string;
  posts: readonly PostRecord[];
}

/** A posted tenure as a committee listing shows it. */
export interface CommitteeTenure extends PostRecord {
  memberId: string;
}

export function tenureIdOf(memberId: string, record: PostRecord): string {
  return `${memberId}/${record.unitCode}/${record.post}/${record.from.toISOString()}`;
}

/**
 * The register of the posts these members hold or held (at one unit, when given), oldest first.
 * Records the rules refuse (an import can name two presidents at once) stay out of the register:
 * the first one in time counts, as it did when the second was written.
 */
export function postRegisterOf(tree: OrgTree, holders: readonly PostHolder[], unitCode?: string): PostRegister {
  const register = new PostRegister(tree);
  const unit = unitCode === undefined ? undefined : (tree.get(unitCode)?.code ?? unitCode);
  holders
    .flatMap(({ memberId, posts }) => posts.filter((record) => unit === undefined || record.unitCode === unit).map((record) => ({ memberId, record })))
    .sort((a, b) => a.record.from.getTime() - b.record.from.getTime())
    .forEach(({ memberId, record }) => register.assign({ id: tenureIdOf(memberId, record), memberId, ...record }));
  return register;
}

export type AssignPostResult = { ok: true; changed: boolean; tenure: PostRecord; posts: PostRecord[] } | Rejection<TenureCode>;

/**
 * Gives a member a post of a unit's committee, by the register's rules (one holder of a
 * single-holder post at a time, one post per member per committee), checked against the posts of
 * everyone else at that unit. Asking for a post the member already holds changes nothing, so a
 * retried request is answered as the first was. Resolves to the member's posts with the new one.
 */
export function assignPost(
  tree: OrgTree,
  unitHolders: readonly PostHolder[],
  command: { memberId: string; memberPosts: readonly PostRecord[]; unitCode: string; post: PostKind; from: Date },
): AssignPostResult {
  const committee = committeeOf(tree, command.unitCode);
  if (!committee.ok) return committee;
  const { unitCode } = committee.committee;
  const held = command.memberPosts.find((record) => record.unitCode === unitCode && record.post === command.post && record.to === undefined);
  if (held) return { ok: true, changed: false, tenure: held, posts: [...command.memberPosts] };
  const others = unitHolders.filter((holder) => holder.memberId !== command.memberId);
  const register = postRegisterOf(tree, [...others, { memberId: command.memberId, posts: command.memberPosts }], unitCode);
  const record: PostRecord = { unitCode, post: command.post, from: command.from };
  const assigned = register.assign({ id: tenureIdOf(command.memberId, record), memberId: command.memberId, ...record });
  if (!assigned.ok) return assigned;
  return { ok: true, changed: true, tenure: record, posts: [...command.memberPosts, record] };
}

export type EndPostResult = { ok: true; tenure: PostRecord; posts: PostRecord[] } | Rejection<TenureCode>;

/** Ends the member's current tenure of that post at that unit; the tenure stays in their history. */
export function endPost(
  tree: OrgTree,
  command: { memberId: string; memberPosts: readonly PostRecord[]; unitCode: string; post: PostKind; to: Date },
): EndPostResult {
  const committee = committeeOf(tree, command.unitCode);
  if (!committee.ok) return committee;
  const { unitCode } = committee.committee;
  const index = command.memberPosts.findIndex((record) => record.unitCode === unitCode && record.post === command.post && record.to === undefined);
  if (index < 0) {
    return reject('COMMITTEE.TENURE_NOT_FOUND', `member ${command.memberId} holds no current ${command.post} post of ${unitCode}`);
  }
  const current = command.memberPosts[index]!;
  const register = new PostRegister(tree);
  const id = tenureIdOf(command.memberId, current);
  register.assign({ id, memberId: command.memberId, ...current });
  const ended = register.end(id, command.to);
  if (!ended.ok) return ended;
  const record: PostRecord = { ...current, to: ended.tenure.to };
  return { ok: true, tenure: record, posts: command.memberPosts.map((each, at) => (at === index ? record : each)) };
}

/**
 * A committee as people ask about it: who holds an office-bearer post now (president first, in the
 * order posts are listed), who else sits on it, and every tenure there ever was, oldest first.
 * Built from the records as stored, so a conflict an import let in shows rather than hides.
 */
export function committeeListing(holders: readonly PostHolder[], unitCode: string, at: Date) {
  const tenures: CommitteeTenure[] = holders
    .flatMap(({ memberId, posts }) => posts.filter((record) => record.unitCode === unitCode).map((record) => ({ memberId, ...record })))
    .sort((a, b) => a.from.getTime() - b.from.getTime() || a.memberId.localeCompare(b.memberId));
  const order = Object.keys(POST_KINDS);
  const current = tenures.filter((tenure) => isHeldAt(tenure, at)).sort((a, b) => order.indexOf(a.post) - order.indexOf(b.post));
  return {
    officeBearers: current.filter((tenure) => POST_KINDS[tenure.post].officeBearer),
    members: current.filter((tenure) => !POST_KINDS[tenure.post].officeBearer),
    history: tenures,
  };
}
