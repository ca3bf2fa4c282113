import { z } from 'zod';
import { ComplaintCategories, unitCodeSchema, type ComplaintCategory, type UnitLevel, caseReferenceSchema, CaseSeverities } from '@cc/contracts';
import { CASE_STATUSES, type Case, type CaseStatus } from '../cases/case';
import type { OrgView } from '../org/org-view';
import type { PostHoldersView } from '../org/post-holders';
import type { Severity } from '../recognition/severity';
import { isOverdue } from '../sla/deadlines';
import { principalScope, type Principal, type PrincipalCode } from '../shared/principal';
import { reject, type Rejection } from '../shared/rejection';
import { isVisibleTo, viewerOf, type Viewer } from './viewer';

const oneOrMany = <T extends z.ZodType<string>>(schema: T, max: number) =>
  z.union([schema, z.array(schema).min(1).max(max)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** HQ search filters as they arrive in a query string or a JSON body: untrusted, bounded, no operators. */
export const caseSearchSchema = z
  .strictObject({
    state: unitCodeSchema.optional(),
    district: unitCodeSchema.optional(),
    block: unitCodeSchema.optional(),
    category: oneOrMany(z.enum(ComplaintCategories), ComplaintCategories.length).optional(),
    status: oneOrMany(z.enum(CASE_STATUSES), CASE_STATUSES.length).optional(),
    severity: oneOrMany(z.enum(CaseSeverities), CaseSeverities.length).optional(),
    overdue: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).optional(),
    openedFrom: instant.optional(),
    openedTo: instant.optional(),
    reference: caseReferenceSchema.optional(),
    limit: z
      .union([z.number(), z.string().regex(/^\d{1,3}$/).transform(Number)])
      .pipe(z.number().int().min(1).max(100))
      .default(50),
  })
  .refine(({ openedFrom, openedTo }) => !openedFrom || !openedTo || openedFrom.getTime() <= openedTo.getTime(), {
    message: 'openedFrom must not be after openedTo',
    path: ['openedFrom'],
  });

export type CaseSearch = z.infer<typeof caseSearchSchema>;

export type SearchCode = 'SEARCH.OPERATOR_NOT_ALLOWED' | 'SEARCH.INVALID';

const MAX_DEPTH = 3;

/**
 * The filters, or why not. Anything shaped like a database operator — a key starting with `$` or
 * holding a dot, at any depth — is refused by name before validation, so that no filter can ever
 * reach the store as a query fragment even if a later change loosened the schema.
 */
export function parseCaseSearch(input: unknown): { ok: true; filters: CaseSearch } | (Rejection<SearchCode> & { problems: string[] }) {
  const operator = findOperator(input, 'filters', 0);
  if (operator) return { ...reject('SEARCH.OPERATOR_NOT_ALLOWED', operator), problems: [operator] };
  const parsed = caseSearchSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'filters'}: ${issue.message}`);
    return { ...reject('SEARCH.INVALID', problems.join('; ')), problems };
  }
  return { ok: true, filters: parsed.data };
}

function findOperator(value: unknown, path: string, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_DEPTH) return `${path} is nested too deep`;
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$') || key.includes('.')) return `${path}.${key} is not a filter`;
    const found = findOperator(child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A search the caller may run: inside their subtree, as the guard lets them see. */
export interface CaseQuery {
  /** Cases concerning this unit or below (`partyUnit.path`). */
  readonly within: string;
  readonly viewer: Viewer;
  readonly categories?: readonly ComplaintCategory[];
  readonly statuses?: readonly CaseStatus[];
  readonly severities?: readonly Severity[];
  readonly overdue?: boolean;
  readonly openedFrom?: Date;
  readonly openedTo?: Date;
  readonly reference?: string;
  readonly limit: number;
}

export type QueryCode = PrincipalCode | 'ACCESS.HQ_ONLY' | 'ACCESS.UNKNOWN_UNIT' | 'ACCESS.OUTSIDE_SUBTREE' | 'SEARCH.INCONSISTENT_UNITS';

const FILTER_LEVELS = { state: 'state', district: 'district', block: 'block' } as const satisfies Record<string, UnitLevel>;

/**
 * HQ search: a state HQ within its state, AICC anywhere. The unit filters must be units of their
 * level, inside the caller's subtree and inside each other; the narrowest one bounds the search.
 */
export function buildCaseQuery(
  principal: Principal,
  filters: CaseSearch,
  org: OrgView,
  posts: PostHoldersView,
  at: Date,
): { ok: true; query: CaseQuery } | Rejection<QueryCode> {
  const scope = principalScope(principal, org);
  if (!scope.ok) return scope;
  if (!scope.roles.includes('state-hq') && !scope.roles.includes('aicc-admin')) {
    return reject('ACCESS.HQ_ONLY', 'searching cases is for the state HQ and AICC; office-bearers have their queue');
  }
  let within = scope.unit.code;
  for (const key of ['state', 'district', 'block'] as const) {
    const code = filters[key];
    if (code === undefined) continue;
    const unit = org.get(code);
    if (!unit || unit.level !== FILTER_LEVELS[key]) return reject('ACCESS.UNKNOWN_UNIT', `${code} is not a known ${key}`);
    if (!org.isWithin(unit.code, scope.unit.code)) {
      return reject('ACCESS.OUTSIDE_SUBTREE', `${unit.code} is outside ${scope.unit.code}, the unit the caller acts for`);
    }
    if (!org.isWithin(unit.code, within)) return reject('SEARCH.INCONSISTENT_UNITS', `the ${key} ${unit.code} is not within ${within}`);
    within = unit.code;
  }
  const { category, status, severity, overdue, openedFrom, openedTo, reference, limit } = filters;
  return {
    ok: true,
    query: {
      within,
      viewer: viewerOf(scope.unit.code, principal.memberId, org, posts, at),
      ...(category ? { categories: category } : {}),
      ...(status ? { statuses: status } : {}),
      ...(severity ? { severities: severity } : {}),
      ...(overdue !== undefined ? { overdue } : {}),
      ...(openedFrom ? { openedFrom } : {}),
      ...(openedTo ? { openedTo } : {}),
      ...(reference ? { reference } : {}),
      limit,
    },
  };
}

/** The query as a predicate; the repository translates the same fields into an indexed find. */
export function matchesCaseQuery(query: CaseQuery, c: Case, now: Date): boolean {
  if (!c.partyUnit.path.includes(query.within) || !isVisibleTo(query.viewer, c)) return false;
  if (query.categories && !query.categories.includes(c.category)) return false;
  if (query.statuses && !query.statuses.includes(c.status)) return false;
  if (query.severities && !query.severities.includes(c.severity)) return false;
  if (query.overdue !== undefined && isOverdue(c, now) !== query.overdue) return false;
  if (query.openedFrom && c.openedAt.getTime() < query.openedFrom.getTime()) return false;
  if (query.openedTo && c.openedAt.getTime() > query.openedTo.getTime()) return false;
  if (query.reference && c.reference !== query.reference) return false;
  return true;
}
