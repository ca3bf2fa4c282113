import { committeeCoverage, committeeState } from './committee-coverage';
import { holder, org } from './fixtures';

describe(committeeState.name, () => {
  it('is formed with a president, filled with a president, a secretary and a treasurer', () => {
    expect(committeeState(undefined)).toBe('none');
    expect(committeeState(new Set(['secretary', 'treasurer']))).toBe('none');
    expect(committeeState(new Set(['president']))).toBe('formed');
    expect(committeeState(new Set(['president', 'general-secretary', 'treasurer']))).toBe('filled');
    expect(committeeState(new Set(['president', 'secretary', 'treasurer', 'member']))).toBe('filled');
  });
});

describe(committeeCoverage.name, () => {
  const model = org([
    holder('mbr_kanke_president', [{ unitCode: 'JH-RAN-KANKE', post: 'president' }]),
    holder('mbr_kanke_secretary', [{ unitCode: 'JH-RAN-KANKE', post: 'secretary' }]),
    holder('mbr_kanke_treasurer', [{ unitCode: 'JH-RAN-KANKE', post: 'treasurer' }]),
    holder('mbr_angara_president', [{ unitCode: 'JH-RAN-ANGARA', post: 'president' }], 'suspended'),
    holder('mbr_p1_president', [{ unitCode: 'KANKE-P1', post: 'president' }]),
  ]);

  it('gives each district the share of blocks and panchayats formed and filled, active members only', () => {
    const sut = committeeCoverage(model, 'JH');

    expect(sut.districts.find((d) => d.unitCode === 'JH-RAN')).toMatchObject({
      blocks: { units: 2, formed: 1, filled: 1, formedShare: 0.5, filledShare: 0.5 },
      panchayats: { units: 2, formed: 1, filled: 0, formedShare: 0.5, filledShare: 0 },
    });
    expect(sut.districts.find((d) => d.unitCode === 'JH-KHU')).toMatchObject({ blocks: { units: 1, formed: 0 }, panchayats: { units: 0, formedShare: 0 } });
    expect(sut.total.blocks).toMatchObject({ units: 3, formed: 1, filled: 1 });
  });

  it('follows a member leaving a post (latest record wins)', () => {
    const changed = org([holder('mbr_p1_president', [{ unitCode: 'KANKE-P1', post: 'president' }])]);
    changed.applyHolder(holder('mbr_p1_president', [], 'active', '2026-02-01T00:00:00.000Z'));
    changed.applyHolder(holder('mbr_p1_president', [{ unitCode: 'KANKE-P1', post: 'president' }], 'active', '2025-12-01T00:00:00.000Z'));

    expect(committeeCoverage(changed, 'JH-RAN-KANKE').total.panchayats.formed).toBe(0);
  });

  it('limits a block scope to its own district and subtree', () => {
    expect(committeeCoverage(model, 'JH-RAN-KANKE').districts).toEqual([expect.objectContaining({ unitCode: 'JH-RAN', blocks: expect.objectContaining({ units: 1 }) })]);
  });
});
