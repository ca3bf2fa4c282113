import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { committeeOf, hasCommittee } from './committee';
import { isHeldAt, overlaps } from './tenure';

describe(committeeOf.name, () => {
  const tree = jharkhandTree();
  const sut = committeeOf;

  it.each([
    ['JH', 'state'],
    ['JH-RAN', 'district'],
    ['jh-ran-angara', 'block'],
    ['345001', 'panchayat'],
  ])('gives %s a %s committee', (unitCode, level) => {
    expect(sut(tree, unitCode)).toEqual({ ok: true, committee: { unitCode: unitCode.toUpperCase(), level } });
  });

  it('gives the national unit none', () => {
    expect(sut(tree, 'IN')).toMatchObject({ ok: false, code: 'COMMITTEE.NO_COMMITTEE_AT_LEVEL' });
    expect(hasCommittee('national')).toBe(false);
  });

  it('refuses an unknown unit', () => {
    expect(sut(tree, 'NOPE')).toEqual({ ok: false, code: 'COMMITTEE.UNKNOWN_UNIT', reason: 'NOPE is not a known unit' });
  });
});

describe(isHeldAt.name, () => {
  const tenure = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z') };

  it.each([
    ['2024-12-31T23:59:59.999Z', false],
    ['2025-01-01T00:00:00.000Z', true],
    ['2025-01-31T23:59:59.999Z', true],
    ['2025-02-01T00:00:00.000Z', false],
  ])('at %s: %s (the end is exclusive)', (at, held) => {
    expect(isHeldAt(tenure, new Date(at))).toBe(held);
  });

  it('holds an open tenure for ever after its start', () => {
    expect(isHeldAt({ from: tenure.from }, new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });
});

describe(overlaps.name, () => {
  const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it.each([
    [{ from: at('2025-01-01'), to: at('2025-02-01') }, { from: at('2025-02-01') }, false],
    [{ from: at('2025-01-01'), to: at('2025-02-02') }, { from: at('2025-02-01') }, true],
    [{ from: at('2025-01-01') }, { from: at('2030-01-01') }, true],
    [{ from: at('2025-03-01'), to: at('2025-04-01') }, { from: at('2025-01-01'), to: at('2025-03-01') }, false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });
});
