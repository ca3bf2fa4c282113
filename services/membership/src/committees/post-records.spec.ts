import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { approvalAuthority } from '../registration/pending-registration';
import { assignPost, committeeListing, endPost, postRegisterOf, type PostHolder, type PostRecord } from './post-records';

const tree = jharkhandTree();
const d = (iso: string) => new Date(`${iso}T00:00:00+05:30`);
const record = (unitCode: string, post: PostRecord['post'], from: string, to?: string): PostRecord => ({ unitCode, post, from: d(from), ...(to ? { to: d(to) } : {}) });

const angara: PostHolder[] = [
  { memberId: 'ramesh', posts: [record('JH-RAN-ANGARA', 'president', '2025-01-01')] },
  { memberId: 'sita', posts: [record('JH-RAN-ANGARA', 'secretary', '2025-01-01'), record('JH-RAN', 'member', '2024-01-01')] },
  { memberId: 'old', posts: [record('JH-RAN-ANGARA', 'treasurer', '2023-01-01', '2025-01-01')] },
];

describe(assignPost.name, () => {
  const sut = (memberId: string, memberPosts: PostRecord[], post: PostRecord['post'], from = d('2025-05-01'), unitCode = 'jh-ran-angara') =>
    assignPost(tree, angara, { memberId, memberPosts, unitCode, post, from });

  it('adds the tenure to the member’s posts, with the unit code as the tree has it', () => {
    const posts = [record('JH-RAN', 'member', '2024-01-01')];
    expect(sut('new', posts, 'treasurer')).toEqual({ ok: true, changed: true, tenure: record('JH-RAN-ANGARA', 'treasurer', '2025-05-01'), posts: [...posts, record('JH-RAN-ANGARA', 'treasurer', '2025-05-01')] });
  });

  it('refuses a single-holder post someone else holds now', () => {
    expect(sut('new', [], 'president')).toMatchObject({ ok: false, code: 'COMMITTEE.POST_OCCUPIED', reason: expect.stringContaining('member ramesh holds it') });
  });

  it('gives a single-holder post whose last holder left', () => {
    expect(sut('new', [], 'treasurer')).toMatchObject({ ok: true, changed: true });
  });

  it('refuses a single-holder post from a date its last holder still held it', () => {
    expect(sut('new', [], 'treasurer', d('2024-06-01'))).toMatchObject({ ok: false, code: 'COMMITTEE.POST_OCCUPIED' });
  });

  it('lets several members hold a post that is not single-holder', () => {
    expect(sut('new', [], 'secretary')).toMatchObject({ ok: true, changed: true });
  });

  it('refuses a second post in the same committee', () => {
    expect(sut('sita', angara[1]!.posts.slice(), 'vice-president')).toMatchObject({ ok: false, code: 'COMMITTEE.ALREADY_HOLDS_POST' });
  });

  it('lets a member hold posts in two committees', () => {
    expect(sut('ramesh', angara[0]!.posts.slice(), 'secretary', d('2025-05-01'), 'JH-RAN')).toMatchObject({ ok: true, changed: true });
  });

  it('changes nothing when the member already holds that post (a retried request)', () => {
    expect(sut('ramesh', angara[0]!.posts.slice(), 'president')).toEqual({ ok: true, changed: false, tenure: angara[0]!.posts[0], posts: angara[0]!.posts });
  });

  it.each([
    ['IN', 'COMMITTEE.NO_COMMITTEE_AT_LEVEL'],
    ['NOWHERE', 'COMMITTEE.UNKNOWN_UNIT'],
  ])('refuses a post at %s', (unitCode, code) => {
    expect(sut('new', [], 'president', d('2025-05-01'), unitCode)).toMatchObject({ ok: false, code });
  });
});

describe(endPost.name, () => {
  const posts = angara[0]!.posts.slice();
  const sut = (to: Date, post: PostRecord['post'] = 'president') => endPost(tree, { memberId: 'ramesh', memberPosts: posts, unitCode: 'JH-RAN-ANGARA', post, to });

  it('ends the current tenure and keeps it in the member’s posts', () => {
    expect(sut(d('2025-06-01'))).toEqual({ ok: true, tenure: record('JH-RAN-ANGARA', 'president', '2025-01-01', '2025-06-01'), posts: [record('JH-RAN-ANGARA', 'president', '2025-01-01', '2025-06-01')] });
  });

  it('refuses an end before the start', () => {
    expect(sut(d('2024-12-01'))).toMatchObject({ ok: false, code: 'COMMITTEE.END_NOT_AFTER_START' });
  });

  it('refuses a post the member does not hold now', () => {
    expect(sut(d('2025-06-01'), 'treasurer')).toMatchObject({ ok: false, code: 'COMMITTEE.TENURE_NOT_FOUND', reason: 'member ramesh holds no current treasurer post of JH-RAN-ANGARA' });
  });

  it('frees a single-holder post for the next holder', () => {
    const ended = sut(d('2025-06-01'));
    if (!ended.ok) throw new Error(ended.reason);
    const after = [{ memberId: 'ramesh', posts: ended.posts }, ...angara.slice(1)];
    expect(assignPost(tree, after, { memberId: 'new', memberPosts: [], unitCode: 'JH-RAN-ANGARA', post: 'president', from: d('2025-06-01') })).toMatchObject({ ok: true, changed: true });
  });
});

describe(postRegisterOf.name, () => {
  it('feeds approvalAuthority with a member’s posts at every unit', () => {
    const register = postRegisterOf(tree, [angara[1]!]);
    expect(approvalAuthority(tree, register, 'sita', '345001', d('2025-05-01'))).toMatchObject({ ok: true, tenure: { unitCode: 'JH-RAN-ANGARA', post: 'secretary' } });
  });

  it('keeps the first of two conflicting presidents an import let in', () => {
    const both = [
      { memberId: 'second', posts: [record('JH-RAN-ANGARA', 'president', '2025-02-01')] },
      { memberId: 'first', posts: [record('JH-RAN-ANGARA', 'president', '2025-01-01')] },
    ];
    expect(postRegisterOf(tree, both, 'JH-RAN-ANGARA').holdersAt('JH-RAN-ANGARA', 'president', d('2025-03-01')).map((tenure) => tenure.memberId)).toEqual(['first']);
  });
});

describe(committeeListing.name, () => {
  it('lists office-bearers now (president first), other members now, and every tenure oldest first', () => {
    const holders = [...angara, { memberId: 'worker', posts: [record('JH-RAN-ANGARA', 'member', '2025-02-01')] }];
    const listing = committeeListing(holders, 'JH-RAN-ANGARA', d('2025-05-01'));
    expect(listing.officeBearers.map(({ memberId, post }) => [memberId, post])).toEqual([
      ['ramesh', 'president'],
      ['sita', 'secretary'],
    ]);
    expect(listing.members.map(({ memberId }) => memberId)).toEqual(['worker']);
    expect(listing.history.map(({ memberId, post }) => `${memberId}:${post}`)).toEqual(['old:treasurer', 'ramesh:president', 'sita:secretary', 'worker:member']);
  });
});
