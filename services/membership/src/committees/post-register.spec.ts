import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { PostRegister, type AssignPost } from './post-register';

const d = (iso: string) => new Date(`${iso}T00:00:00+05:30`);
let sequence = 0;
const assignment = (overrides: Partial<AssignPost>): AssignPost => ({
  id: `t${++sequence}`,
  memberId: 'm-ramesh',
  unitCode: 'JH-RAN-ANGARA',
  post: 'president',
  from: d('2025-01-01'),
  ...overrides,
});

function tenureOf(result: ReturnType<PostRegister['assign']>) {
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.tenure;
}

describe(PostRegister.name, () => {
  let sut: PostRegister;

  beforeEach(() => {
    sut = new PostRegister(jharkhandTree());
  });

  describe('assign', () => {
    it('records a tenure with the unit code as the tree has it', () => {
      expect(sut.assign(assignment({ id: 'p1', unitCode: 'jh-ran-angara' }))).toEqual({
        ok: true,
        tenure: { id: 'p1', memberId: 'm-ramesh', unitCode: 'JH-RAN-ANGARA', post: 'president', from: d('2025-01-01') },
      });
    });

    it.each(['345001', 'JH-RAN-ANGARA', 'JH-RAN', 'JH'])('accepts a committee at %s', (unitCode) => {
      expect(sut.assign(assignment({ unitCode })).ok).toBe(true);
    });

    it('refuses a post at the national unit, which has no committee here', () => {
      expect(sut.assign(assignment({ unitCode: 'IN' }))).toEqual({
        ok: false,
        code: 'COMMITTEE.NO_COMMITTEE_AT_LEVEL',
        reason: 'IN is a national unit; committees sit at the state, district, block, panchayat levels',
      });
    });

    it('refuses an unknown unit', () => {
      expect(sut.assign(assignment({ unitCode: 'NOPE' }))).toMatchObject({ ok: false, code: 'COMMITTEE.UNKNOWN_UNIT' });
    });

    it('keeps one president at a time, naming the holder', () => {
      tenureOf(sut.assign(assignment({ id: 'p1', memberId: 'm-ramesh' })));

      expect(sut.assign(assignment({ memberId: 'm-sita', from: d('2025-06-01') }))).toEqual({
        ok: false,
        code: 'COMMITTEE.POST_OCCUPIED',
        reason: expect.stringContaining('member m-ramesh holds it from 2024-12-31T18:30:00.000Z (tenure p1)'),
      });
    });

    it('refuses a past president whose period overlaps the current one', () => {
      tenureOf(sut.assign(assignment({ memberId: 'm-ramesh', from: d('2025-01-01') })));

      const result = sut.assign(assignment({ memberId: 'm-sita', from: d('2024-01-01'), to: d('2025-01-02') }));

      expect(result).toMatchObject({ ok: false, code: 'COMMITTEE.POST_OCCUPIED' });
    });

    it('lets a successor start the instant the predecessor ends', () => {
      const first = tenureOf(sut.assign(assignment({ memberId: 'm-ramesh', from: d('2024-01-01') })));
      sut.end(first.id, d('2025-03-01'));

      expect(sut.assign(assignment({ memberId: 'm-sita', from: d('2025-03-01') })).ok).toBe(true);
    });

    it('lets a committee have several vice-presidents and members', () => {
      for (const memberId of ['m-1', 'm-2', 'm-3']) tenureOf(sut.assign(assignment({ memberId, post: 'vice-president' })));
      for (const memberId of ['m-4', 'm-5']) tenureOf(sut.assign(assignment({ memberId, post: 'member' })));

      expect(sut.holdersAt('JH-RAN-ANGARA', 'vice-president', d('2025-02-01'))).toHaveLength(3);
    });

    it('keeps one treasurer at a time too', () => {
      tenureOf(sut.assign(assignment({ memberId: 'm-1', post: 'treasurer' })));

      expect(sut.assign(assignment({ memberId: 'm-2', post: 'treasurer' }))).toMatchObject({ code: 'COMMITTEE.POST_OCCUPIED' });
    });

    it('refuses a second post in the same committee at the same time, but not in another committee', () => {
      tenureOf(sut.assign(assignment({ post: 'secretary' })));

      expect(sut.assign(assignment({ post: 'treasurer' }))).toMatchObject({
        ok: false,
        code: 'COMMITTEE.ALREADY_HOLDS_POST',
        reason: expect.stringContaining('holds the secretary post of JH-RAN-ANGARA'),
      });
      expect(sut.assign(assignment({ post: 'treasurer', unitCode: 'JH-RAN' })).ok).toBe(true);
    });

    it.each([
      ['an end before the start', { from: d('2025-02-01'), to: d('2025-01-01') }, 'COMMITTEE.END_NOT_AFTER_START'],
      ['an end at the start', { from: d('2025-02-01'), to: d('2025-02-01') }, 'COMMITTEE.END_NOT_AFTER_START'],
      ['an invalid date', { from: new Date('not a date') }, 'COMMITTEE.INVALID_TENURE'],
      ['no member', { memberId: '' }, 'COMMITTEE.INVALID_TENURE'],
      ['an unknown post', { post: 'king' as never }, 'COMMITTEE.INVALID_TENURE'],
    ])('refuses %s', (_, overrides, code) => {
      expect(sut.assign(assignment(overrides))).toMatchObject({ ok: false, code });
    });

    it('refuses a tenure id used before', () => {
      tenureOf(sut.assign(assignment({ id: 'same' })));

      expect(sut.assign(assignment({ id: 'same', unitCode: 'JH-RAN' }))).toMatchObject({ code: 'COMMITTEE.DUPLICATE_TENURE' });
    });
  });

  describe('end', () => {
    it('ends a tenure and keeps it in the history', () => {
      const tenure = tenureOf(sut.assign(assignment({ id: 'p1' })));

      expect(sut.end('p1', d('2025-06-01'))).toEqual({ ok: true, tenure: { ...tenure, to: d('2025-06-01') } });
      expect(sut.historyOf('JH-RAN-ANGARA')).toEqual([{ ...tenure, to: d('2025-06-01') }]);
      expect(sut.get('p1')?.to).toEqual(d('2025-06-01'));
    });

    it.each([
      ['before its start', d('2024-12-01'), 'COMMITTEE.END_NOT_AFTER_START'],
      ['at its start', d('2025-01-01'), 'COMMITTEE.END_NOT_AFTER_START'],
      ['at an invalid date', new Date(Number.NaN), 'COMMITTEE.INVALID_TENURE'],
    ])('refuses to end a tenure %s', (_, to, code) => {
      tenureOf(sut.assign(assignment({ id: 'p1' })));

      expect(sut.end('p1', to)).toMatchObject({ ok: false, code });
      expect(sut.get('p1')?.to).toBeUndefined();
    });

    it('refuses to end an ended or unknown tenure', () => {
      tenureOf(sut.assign(assignment({ id: 'p1' })));
      sut.end('p1', d('2025-06-01'));

      expect(sut.end('p1', d('2025-07-01'))).toMatchObject({ ok: false, code: 'COMMITTEE.TENURE_ENDED' });
      expect(sut.end('nope', d('2025-07-01'))).toMatchObject({ ok: false, code: 'COMMITTEE.TENURE_NOT_FOUND' });
    });
  });

  describe('history', () => {
    beforeEach(() => {
      tenureOf(sut.assign(assignment({ id: 'ramesh', memberId: 'm-ramesh', from: d('2023-01-01'), to: d('2025-03-01') })));
      tenureOf(sut.assign(assignment({ id: 'sita', memberId: 'm-sita', from: d('2025-03-01') })));
      tenureOf(sut.assign(assignment({ id: 'ramesh-gs', memberId: 'm-ramesh', post: 'general-secretary', from: d('2025-03-01') })));
      tenureOf(sut.assign(assignment({ id: 'ramesh-dist', memberId: 'm-ramesh', unitCode: 'JH-RAN', from: d('2024-06-01') })));
      tenureOf(sut.assign(assignment({ id: 'anil', memberId: 'm-anil', post: 'member', from: d('2023-01-01') })));
    });

    it.each([
      ['2022-12-31', []],
      ['2023-01-01', ['m-ramesh']],
      ['2025-02-28', ['m-ramesh']],
      ['2025-03-01', ['m-sita']],
      ['2030-01-01', ['m-sita']],
    ])('knows who was president of Angara on %s', (day, holders) => {
      expect(sut.holdersAt('JH-RAN-ANGARA', 'president', d(day)).map(({ memberId }) => memberId)).toEqual(holders);
    });

    it('knows which units a member presided over at a time', () => {
      expect(sut.presidedUnitsAt('m-ramesh', d('2024-01-01'))).toEqual(['JH-RAN-ANGARA']);
      expect(sut.presidedUnitsAt('m-ramesh', d('2024-07-01'))).toEqual(['JH-RAN-ANGARA', 'JH-RAN']);
      expect(sut.presidedUnitsAt('m-ramesh', d('2025-04-01'))).toEqual(['JH-RAN']);
      expect(sut.presidedUnitsAt('m-anil', d('2025-04-01'))).toEqual([]);
    });

    it("lists a committee's office-bearers, without ordinary members", () => {
      expect(sut.officeBearersAt('JH-RAN-ANGARA', d('2025-04-01')).map(({ id }) => id)).toEqual(['sita', 'ramesh-gs']);
    });

    it('lists the posts a member holds at a time', () => {
      expect(sut.postsHeldBy('m-ramesh', d('2025-04-01')).map(({ id }) => id)).toEqual(['ramesh-gs', 'ramesh-dist']);
    });

    it('gives the history of a post and of a member, oldest first', () => {
      expect(sut.historyOf('jh-ran-angara', 'president').map(({ id }) => id)).toEqual(['ramesh', 'sita']);
      expect(sut.historyOfMember('m-ramesh').map(({ id }) => id)).toEqual(['ramesh', 'ramesh-dist', 'ramesh-gs']);
      expect(sut.historyOf('NOPE')).toEqual([]);
    });
  });
});
