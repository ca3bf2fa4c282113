import { ActiveCaseIndex } from '../aggregates/active-case-index';
import type { CaseState } from '../aggregates/case-fold';
import type { ActiveCase, AggregatesStore } from '../aggregates/store/aggregates.store';
import { org, UNITS } from '../org/fixtures';
import type { OrgModel, UnitInfo } from '../org/org-model';
import { AggregateQueries } from './aggregate-queries';

const T0 = Date.parse('2026-11-26T04:00:00.000Z');
const HOUR = 3_600_000;

/** mulberry32: the same cases on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The open/overdue view as it was computed before the index: a walk over every active case, per request. */
function walkedOpen(model: OrgModel, activeCases: Iterable<ActiveCase>, unit: UnitInfo, now: Date, limit: number) {
  const name = (code: string) => {
    const known = model.get(code);
    return { unitCode: code, nameEn: known?.nameEn ?? code, ...(known?.nameHi ? { nameHi: known.nameHi } : {}), ...(known ? { level: known.level } : {}) };
  };
  const children = new Map<string, { active: number; overdue: number }>(model.childrenOf(unit.code).map((child) => [child.code, { active: 0, overdue: 0 }]));
  const index = unit.path.length;
  const t = now.getTime();
  const overdue: Array<{ state: CaseState; due: number }> = [];
  let active = 0;
  const byCategory: Record<string, number> = {};
  for (const { state, overdueAt } of activeCases) {
    if (state.unitPath[index - 1] !== unit.code) continue;
    active++;
    byCategory[state.category] = (byCategory[state.category] ?? 0) + 1;
    const late = t > overdueAt;
    if (late) overdue.push({ state, due: overdueAt });
    const child = state.unitPath[index];
    if (child !== undefined) {
      const row = children.get(child) ?? { active: 0, overdue: 0 };
      row.active++;
      if (late) row.overdue++;
      children.set(child, row);
    }
  }
  return {
    unit: name(unit.code),
    at: now.toISOString(),
    active,
    overdue: overdue.length,
    byCategory,
    children: [...children].map(([code, row]) => ({ ...name(code), ...row })).sort((a, b) => b.overdue - a.overdue || b.active - a.active || a.unitCode.localeCompare(b.unitCode)),
    queue: overdue
      .sort((a, b) => a.due - b.due)
      .slice(0, limit)
      .map(({ state, due }) => ({
        caseId: state.caseId,
        reference: state.reference,
        category: state.category,
        severity: state.severity,
        status: state.status,
        unit: name(state.unitPath[state.unitPath.length - 1]!),
        desk: name(state.deskUnitCode),
        openedAt: state.openedAt,
        overdueSince: new Date(due).toISOString(),
        overdueMs: t - due,
      })),
  };
}

// The org's paths, a unit the org does not know, a district placed under another state (a unit
// moved after its cases were opened) and a case placed no lower than a state.
const PATHS = [...UNITS.map((unit) => unit.path), ['IN', 'JH', 'JH-RAN', 'JH-RAN-GHOST'], ['IN', 'BR', 'JH-RAN', 'JH-RAN-KANKE'], ['IN', 'JH']];
const CATEGORIES = ['water', 'roads', 'bdo-conduct'];
const STATUSES = ['open', 'acknowledged', 'assigned', 'escalated', 'reopened'] as const;

describe(AggregateQueries.name, () => {
  it('answers the open/overdue view from the index exactly as the walk over every active case did (seeded random changes)', () => {
    const random = seeded(20261127);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const model = org();
    const index = new ActiveCaseIndex();
    const store = { org: model, openCasesOf: (unit: UnitInfo, now: Date, limit: number) => index.open(unit.path.length - 1, unit.code, now.getTime(), limit) };
    const sut = new AggregateQueries(store as unknown as AggregatesStore);
    // What AggregatesStore held before the index: the open cases in a Map, walked per query.
    const walked = new Map<string, ActiveCase>();
    const deadlines = [T0 - 5 * HOUR, T0 - HOUR, T0, T0 + HOUR, T0 + 30 * HOUR, Number.NaN];
    const newCase = (caseId: string, version: number): ActiveCase => {
      const unitPath = [...pick(PATHS)];
      const state = {
        caseId,
        reference: `JH-2026-${caseId}`,
        version,
        status: pick(STATUSES),
        category: pick(CATEGORIES),
        severity: pick(['normal', 'high']),
        unitPath,
        openedAt: new Date(T0 - 40 * HOUR).toISOString(),
        deskUnitCode: unitPath[Math.min(2, unitPath.length - 1)]!,
      } as CaseState;
      // A few deadlines shared by many cases (ties), some a little apart.
      const overdueAt = random() < 0.6 ? pick(deadlines) : T0 + Math.round((random() - 0.5) * 20 * HOUR);
      return { state, overdueAt };
    };
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      // Batches small enough to be patched in place and large enough to be re-sorted.
      const changes = random() < 0.3 ? 40 + Math.floor(random() * 80) : 1 + Math.floor(random() * 10);
      for (let i = 0; i < changes; i++) {
        const known = [...walked.keys()];
        const roll = random();
        if (roll < 0.45 || known.length === 0) {
          const caseId = `c${round}_${i}`;
          const item = newCase(caseId, 1);
          walked.set(caseId, item);
          index.set(caseId, item);
        } else if (roll < 0.65) {
          const caseId = pick(known);
          const before = walked.get(caseId)!;
          const next = newCase(caseId, before.state.version + 1);
          // Half of the updates keep deadline, category and path (a status change only).
          const item = random() < 0.5 ? next : { state: { ...before.state, version: before.state.version + 1, status: next.state.status }, overdueAt: before.overdueAt };
          walked.set(caseId, item);
          index.set(caseId, item);
        } else if (roll < 0.8) {
          const caseId = pick(known);
          const again = { ...walked.get(caseId)! };
          walked.set(caseId, again);
          index.set(caseId, again);
        } else {
          const caseId = pick(known);
          walked.delete(caseId);
          index.delete(caseId);
        }
      }
      const finite = [...walked.values()].map(({ overdueAt }) => overdueAt).filter(Number.isFinite);
      const times = [T0, T0 - 3 * HOUR, T0 + 7 * HOUR, ...(finite.length > 0 ? [pick(finite), pick(finite) + 1] : [])];
      for (const code of ['IN', 'JH', 'BR', 'JH-RAN', 'JH-KHU', 'JH-RAN-KANKE', 'KANKE-P1']) {
        const unit = model.get(code)!;
        for (const at of times) {
          const limit = pick([1, 3, 50]);
          const expected = walkedOpen(model, walked.values(), unit, new Date(at), limit);
          const actual = sut.open(unit, new Date(at), limit);
          expect(actual).toEqual(expected);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(walked.size).toBeGreaterThan(100);
  });
});
