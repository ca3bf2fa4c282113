import { transition } from '../cases/case-lifecycle';
import { M, orgView, postHolders } from '../org/fixtures/org.fixtures';
import { BDO_FROM_PITHORIA, BLOCK_PRESIDENT_FROM_PITHORIA, context, ok, opened, rationCaseAtKanke, T0 } from '../opening/fixtures/case.fixtures';
import { days } from '../shared/duration';
import type { Principal } from '../shared/principal';
import { buildCaseQuery, matchesCaseQuery, parseCaseSearch, type CaseQuery } from './case-search';

const org = orgView();
const posts = postHolders();
const jharkhandHq: Principal = { memberId: 'mbr_jh_hq_staff1', unitCode: 'JH', roles: ['state-hq'] };
const aicc: Principal = { unitCode: 'IN', roles: ['aicc-admin'] };

function query(principal: Principal, input: unknown): CaseQuery {
  const parsed = parseCaseSearch(input);
  if (!parsed.ok) throw new Error(parsed.reason);
  return ok(buildCaseQuery(principal, parsed.filters, org, posts, T0)).query;
}

describe(parseCaseSearch.name, () => {
  const sut = parseCaseSearch;

  it('reads filters as a query string gives them', () => {
    expect(sut({ district: 'JH-RAN', category: 'bdo-conduct', status: ['open', 'acknowledged'], overdue: 'true', limit: '20', openedFrom: '2026-03-01T00:00:00Z' })).toEqual({
      ok: true,
      filters: {
        district: 'JH-RAN',
        category: ['bdo-conduct'],
        status: ['open', 'acknowledged'],
        overdue: true,
        limit: 20,
        openedFrom: new Date('2026-03-01T00:00:00Z'),
      },
    });
    expect(sut(undefined)).toEqual({ ok: true, filters: { limit: 50 } });
  });

  it.each([
    [{ status: { $ne: 'closed' } }, 'filters.status.$ne is not a filter'],
    [{ $where: 'sleep(100)' }, 'filters.$where is not a filter'],
    [{ 'partyUnit.code': 'JH' }, 'filters.partyUnit.code is not a filter'],
    [{ state: [{ a: { b: { c: 1 } } }] }, 'filters.state.0.a.b is nested too deep'],
  ])('refuses an operator %j by name', (input, reason) => {
    expect(sut(input)).toMatchObject({ ok: false, code: 'SEARCH.OPERATOR_NOT_ALLOWED', reason });
  });

  it.each([
    ['an unknown filter', { assignee: 'x' }],
    ['a unit code that is not one', { state: 'jh; drop' }],
    ['a string too long', { district: 'X'.repeat(65) }],
    ['an unknown status', { status: 'lost' }],
    ['too many values', { category: Array(7).fill('other') }],
    ['a limit too large', { limit: '1000' }],
    ['a limit that is not a number', { limit: '1e2' }],
    ['a date that is not one', { openedFrom: 'yesterday' }],
    ['a range the wrong way round', { openedFrom: '2026-03-02T00:00:00Z', openedTo: '2026-03-01T00:00:00Z' }],
  ])('refuses %s', (_, input) => {
    expect(sut(input)).toMatchObject({ ok: false, code: 'SEARCH.INVALID' });
  });
});

describe(buildCaseQuery.name, () => {
  const sut = buildCaseQuery;
  const filters = (input: unknown) => {
    const parsed = parseCaseSearch(input);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.filters;
  };

  it('bounds the search by the narrowest unit filter', () => {
    expect(query(jharkhandHq, {}).within).toBe('JH');
    expect(query(jharkhandHq, { state: 'JH', district: 'JH-RAN', block: 'JH-RAN-KANKE' }).within).toBe('JH-RAN-KANKE');
    expect(query(aicc, { state: 'BR' }).within).toBe('BR');
  });

  it.each<[string, Principal, unknown, string]>([
    ['another state', jharkhandHq, { state: 'BR' }, 'ACCESS.OUTSIDE_SUBTREE'],
    ['a district of another state', jharkhandHq, { state: 'JH', district: 'JH-KHU', block: 'JH-RAN-KANKE' }, 'SEARCH.INCONSISTENT_UNITS'],
    ['a block given as a district', jharkhandHq, { district: 'JH-RAN-KANKE' }, 'ACCESS.UNKNOWN_UNIT'],
    ['an office-bearer', { memberId: M.ranchiPresident, unitCode: 'JH-RAN', roles: ['office-bearer'] }, {}, 'ACCESS.HQ_ONLY'],
  ])('refuses %s', (_, principal, input, code) => {
    expect(sut(principal, filters(input), org, posts, T0)).toMatchObject({ ok: false, code });
  });
});

describe(matchesCaseQuery.name, () => {
  const sut = matchesCaseQuery;
  const bdo = opened(BDO_FROM_PITHORIA).case;
  const ration = rationCaseAtKanke();
  const aboutKankePresident = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;
  const all = [bdo, ration, aboutKankePresident];
  const found = (q: CaseQuery, now = T0) => all.filter((c) => sut(q, c, now)).map(({ id }) => id);

  it('finds by category, status and place', () => {
    expect(found(query(jharkhandHq, { category: 'bdo-conduct' }))).toEqual([bdo.id]);
    expect(found(query(jharkhandHq, { block: 'JH-RAN-KANKE' }))).toEqual([bdo.id, ration.id, aboutKankePresident.id]);
    expect(found(query(jharkhandHq, { status: 'closed' }))).toEqual([]);
    expect(found(query(aicc, { state: 'BR' }))).toEqual([]);
  });

  it('finds the overdue ones', () => {
    const acknowledged = ok(transition(ration, { type: 'acknowledge' }, { kind: 'member', memberId: M.kankeConvenor }, T0, context().policy)).case;
    const q = query(jharkhandHq, { overdue: true });

    expect([bdo, acknowledged].filter((c) => sut(q, c, new Date(T0.getTime() + days(1)))).map(({ id }) => id)).toEqual([bdo.id]);
  });

  it('finds by the date of opening', () => {
    expect(found(query(jharkhandHq, { openedFrom: '2026-03-02T04:00:00Z', openedTo: '2026-03-02T04:00:00Z' }))).toHaveLength(3);
    expect(found(query(jharkhandHq, { openedFrom: '2026-03-03T00:00:00Z' }))).toEqual([]);
  });

  it('never finds a case guarded against the searcher', () => {
    const kankeSecretaryAtHq: Principal = { memberId: M.kankeSecretary, unitCode: 'JH', roles: ['state-hq'] };

    expect(found(query(kankeSecretaryAtHq, {}))).toEqual([bdo.id, ration.id]);
  });
});
