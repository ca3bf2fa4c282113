import { type ActiveCase, ActiveCaseIndex } from './active-case-index';
import type { CaseState } from './case-fold';

const T0 = Date.parse('2026-11-26T04:00:00.000Z');
const HOUR = 3_600_000;
const RANCHI = ['IN', 'JH', 'JH-RAN'];
const KANKE = [...RANCHI, 'JH-RAN-KANKE'];
const ANGARA = [...RANCHI, 'JH-RAN-ANGARA'];
const KHUNTI = ['IN', 'JH', 'JH-KHU'];

/** An active case as AggregatesStore hands it over; only what the index reads matters. */
function active(caseId: string, overdueAt: number, unitPath: string[] = KANKE, category = 'water', version = 1): ActiveCase {
  const state = { caseId, version, status: 'open', category, unitPath } as unknown as CaseState;
  return { state, overdueAt };
}

const queueIds = (sut: ActiveCaseIndex, path: string[], now: number, limit = 50) =>
  sut.open(path.length - 1, path[path.length - 1]!, now, limit).queue.map(({ state }) => state.caseId);

describe(ActiveCaseIndex.name, () => {
  it('counts a case for every unit of its path, per category and per unit one level down', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', T0, KANKE, 'water'));
    sut.set('b', active('b', T0 + 10 * HOUR, ANGARA, 'roads'));
    sut.set('c', active('c', T0 + 20 * HOUR, KHUNTI, 'water'));

    const state = sut.open(1, 'JH', T0 + HOUR, 50);
    expect(state).toMatchObject({ active: 3, overdue: 1, byCategory: { water: 2, roads: 1 } });
    expect(state.children).toEqual(new Map([['JH-RAN', { active: 2, overdue: 1 }], ['JH-KHU', { active: 1, overdue: 0 }]]));
    expect(sut.open(2, 'JH-RAN', T0 + 11 * HOUR, 50)).toMatchObject({ active: 2, overdue: 2, byCategory: { water: 1, roads: 1 } });
    expect(sut.open(3, 'JH-RAN-KANKE', T0 + HOUR, 50).children).toEqual(new Map());
    expect(sut.open(2, 'JH-XXX', T0, 50)).toEqual({ active: 0, overdue: 0, byCategory: {}, children: new Map(), queue: [] });
  });

  it('matches a unit at its own depth of the path only', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', T0, ['IN', 'JH', 'JH']));

    expect(sut.open(1, 'JH', T0 + 1, 50)).toMatchObject({ active: 1, overdue: 1 });
    expect(sut.open(2, 'JH', T0 + 1, 50)).toMatchObject({ active: 1, overdue: 1 });
    expect(sut.open(3, 'JH', T0 + 1, 50).active).toBe(0);
  });

  it('is not overdue at exactly its deadline, and is one millisecond later', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', T0));

    expect(sut.open(0, 'IN', T0, 50)).toMatchObject({ overdue: 0, queue: [] });
    expect(sut.open(0, 'IN', T0, 50).children.get('JH')).toEqual({ active: 1, overdue: 0 });
    expect(sut.open(0, 'IN', T0 + 1, 50)).toMatchObject({ overdue: 1 });
    expect(sut.open(0, 'IN', T0 + 1, 50).children.get('JH')).toEqual({ active: 1, overdue: 1 });
  });

  it('never counts a case with an unreadable deadline overdue, but counts it active', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', Number.NaN));
    sut.set('b', active('b', T0));

    expect(sut.open(0, 'IN', T0 + 1000 * HOUR, 50)).toMatchObject({ active: 2, overdue: 1 });
    expect(queueIds(sut, ['IN'], T0 + 1000 * HOUR)).toEqual(['b']);
  });

  it('queues the most overdue first, ties in the order the cases became active, at most `limit`', () => {
    const sut = new ActiveCaseIndex();
    sut.set('late', active('late', T0 + 2 * HOUR));
    sut.set('tie-1', active('tie-1', T0));
    sut.set('early', active('early', T0 - HOUR));
    sut.set('tie-2', active('tie-2', T0));
    sut.set('future', active('future', T0 + 100 * HOUR));

    expect(queueIds(sut, KANKE, T0 + 3 * HOUR)).toEqual(['early', 'tie-1', 'tie-2', 'late']);
    expect(queueIds(sut, KANKE, T0 + 3 * HOUR, 2)).toEqual(['early', 'tie-1']);
  });

  it('moves an updated case: new deadline, category and path; the old places forget it', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', T0, KANKE, 'water', 1));
    sut.set('b', active('b', T0 + HOUR, KANKE, 'water', 1));

    sut.set('a', active('a', T0 + 5 * HOUR, KHUNTI, 'roads', 2));

    expect(sut.get('a')?.state.version).toBe(2);
    expect(sut.open(2, 'JH-RAN', T0 + 6 * HOUR, 50)).toMatchObject({ active: 1, byCategory: { water: 1 } });
    expect(sut.open(1, 'JH', T0 + 6 * HOUR, 50)).toMatchObject({ active: 2, overdue: 2, byCategory: { water: 1, roads: 1 } });
    expect(queueIds(sut, ['IN', 'JH'], T0 + 6 * HOUR)).toEqual(['b', 'a']);
    expect(sut.open(1, 'JH', T0 + 6 * HOUR, 50).children).toEqual(new Map([['JH-RAN', { active: 1, overdue: 1 }], ['JH-KHU', { active: 1, overdue: 1 }]]));
  });

  it('keeps a case’s place among ties when it is updated, and puts it last when it comes back after removal', () => {
    const sut = new ActiveCaseIndex();
    for (const id of ['a', 'b', 'c']) sut.set(id, active(id, T0));

    sut.set('a', active('a', T0, KANKE, 'roads', 2));
    expect(queueIds(sut, KANKE, T0 + 1)).toEqual(['a', 'b', 'c']);
    expect([...sut.values()].map(({ state }) => state.caseId)).toEqual(['a', 'b', 'c']);

    sut.delete('a');
    sut.set('a', active('a', T0, KANKE, 'water', 3));
    expect(queueIds(sut, KANKE, T0 + 1)).toEqual(['b', 'c', 'a']);
    expect([...sut.values()].map(({ state }) => state.caseId)).toEqual(['b', 'c', 'a']);
  });

  it('changes nothing when the same state is set again (a redelivery, a refresh reading it back)', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', T0));
    sut.set('b', active('b', T0 + HOUR, ANGARA, 'roads'));
    const before = sut.open(1, 'JH', T0 + 2 * HOUR, 50);

    sut.set('a', active('a', T0));
    sut.set('a', active('a', T0));
    sut.set('b', active('b', T0 + HOUR, ANGARA, 'roads'));

    expect(sut.size).toBe(2);
    expect(sut.open(1, 'JH', T0 + 2 * HOUR, 50)).toEqual(before);
  });

  it('forgets a removed case everywhere, and a unit below that has none left', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', T0, KANKE, 'water'));
    sut.set('b', active('b', T0, ANGARA, 'roads'));

    expect(sut.delete('a')).toBe(true);
    expect(sut.delete('a')).toBe(false);

    expect(sut.get('a')).toBeUndefined();
    const district = sut.open(2, 'JH-RAN', T0 + 1, 50);
    expect(district).toMatchObject({ active: 1, overdue: 1, byCategory: { roads: 1 } });
    expect(district.children).toEqual(new Map([['JH-RAN-ANGARA', { active: 1, overdue: 1 }]]));
    expect(sut.open(3, 'JH-RAN-KANKE', T0 + 1, 50)).toMatchObject({ active: 0, overdue: 0, byCategory: {}, queue: [] });
  });

  it('gives the same answers after a batch too large to patch in place as after one change at a time', () => {
    const batch = new ActiveCaseIndex();
    const single = new ActiveCaseIndex();
    const cases = Array.from({ length: 200 }, (_, i) => active(`c${i}`, T0 + (i % 7) * HOUR, i % 3 === 0 ? KHUNTI : KANKE, i % 2 ? 'water' : 'roads'));
    for (const c of cases) batch.set(c.state.caseId, c);
    for (let i = 0; i < 200; i += 3) batch.delete(`c${i}`);
    batch.flush();
    for (const c of cases) {
      single.set(c.state.caseId, c);
      single.flush();
    }
    for (let i = 0; i < 200; i += 3) {
      single.delete(`c${i}`);
      single.flush();
    }

    for (const now of [T0, T0 + 3 * HOUR, T0 + 3 * HOUR + 1, T0 + 10 * HOUR]) {
      expect(batch.open(0, 'IN', now, 500)).toEqual(single.open(0, 'IN', now, 500));
      expect(batch.open(2, 'JH-RAN', now, 500)).toEqual(single.open(2, 'JH-RAN', now, 500));
    }
    expect(batch.open(0, 'IN', T0 + 10 * HOUR, 500).active).toBe(133);
  });

  it('answers nothing for a case set and deleted before the lists were flushed', () => {
    const sut = new ActiveCaseIndex();
    sut.set('a', active('a', T0));
    sut.set('a', active('a', T0 + HOUR, KHUNTI, 'roads', 2));
    sut.delete('a');

    expect(sut.open(0, 'IN', T0 + 2 * HOUR, 50)).toEqual({ active: 0, overdue: 0, byCategory: {}, children: new Map(), queue: [] });
  });
});
