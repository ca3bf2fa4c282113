import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Header, Headers, HttpCode, HttpException, HttpStatus, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal, type Principal as AuthPrincipal, PrincipalGuard } from '@cc/auth';
import { memberIdSchema, ResolutionOutcomes } from '@cc/contracts';
import { actOnCase, authorizeCaseAction, type OfficeBearerCommand } from '../access/case-actions';
import { queueOf, queueScopeFor } from '../access/case-queue';
import { buildCaseQuery, parseCaseSearch } from '../access/case-search';
import type { Case } from '../cases/case';
import { mergeCases } from '../cases/case-merge';
import { CaseContextProvider } from '../cases/case-context.provider';
import { MongoCaseStore } from '../cases/store/mongo-case-store';
import { caseViewFor, maskedView, unmask } from '../guard/reporter-masking';
import { systemClock } from '../shared/clock';
import { grievancePrincipal, httpError, notVisible } from './http-rejection';

/** Free text as written, except U+0000: it means nothing in a note and a jsonb-backed store refuses it. */
const note = z.string().trim().min(1).max(2000).refine((text) => !text.includes('\u0000'), 'must not contain U+0000 (NUL)');

/** What an office-bearer can do through the API; closing and reopening belong to the reporter's channel. */
const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledge'), note: note.optional() }),
  z.strictObject({ type: z.literal('assign'), assigneeId: memberIdSchema, note: note.optional() }),
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('resolve'), outcome: z.enum(ResolutionOutcomes), note }),
  z.strictObject({ type: z.literal('escalate'), note }),
  z.strictObject({ type: z.literal('comment'), text: note }),
  z.strictObject({
    type: z.literal('attach'),
    attachment: z.strictObject({
      id: z.string().min(1).max(128),
      type: z.enum(['image', 'audio', 'video', 'document']),
      providerMediaId: z.string().min(1).max(256).optional(),
      url: z.url({ protocol: /^https$/ }).max(2048).optional(),
      mimeType: z.string().min(3).max(128).optional(),
      sha256: z.string().regex(/^[a-f0-9]{64}$/).optional(),
    }),
  }),
]);

const caseIdSchema = z.string().regex(/^case_[A-Za-z0-9_-]{8,64}$/, 'a case id (case_…)');
const mergeSchema = z.strictObject({ duplicateId: caseIdSchema });
const unmaskSchema = z.strictObject({ reason: note.pipe(z.string().min(10).max(500)) });

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  throw httpError({ ok: false, code: 'ACTION.INVALID', reason: message });
}

const versionHeader = z.string().regex(/^\d{1,9}$/).transform(Number);

/**
 * Cases for office-bearers and HQs. A case the caller may not see answers 404
 * `GUARD.NOT_VISIBLE`, exactly as a case that does not exist. Reporters are always masked.
 */
@Controller('v1/cases')
@UseGuards(PrincipalGuard)
export class CasesController {
  constructor(
    private readonly contexts: CaseContextProvider,
    private readonly store: MongoCaseStore,
  ) {}

  /** My queue: the active cases at the desks the caller holds in the unit they act for, and those assigned to them. */
  @Get('queue')
  async queue(@CurrentPrincipal() caller: AuthPrincipal) {
    const { org, posts } = this.contexts.context();
    const now = systemClock.now();
    const scoped = queueScopeFor(grievancePrincipal(caller), org, posts, now);
    if (!scoped.ok) throw httpError(scoped);
    const candidates = await this.store.activeAt([...new Set(scoped.scope.desks.map((desk) => desk.unitCode))], scoped.scope.viewer.memberId);
    return { cases: queueOf(scoped.scope, candidates).map(maskedView) };
  }

  /** HQ search: `state`, `district`, `block`, `category`, `status`, `severity`, `overdue`, `openedFrom`, `openedTo`, `reference`, `limit`. */
  @Get()
  async search(@Query() query: Record<string, unknown>, @CurrentPrincipal() caller: AuthPrincipal) {
    const parsed = parseCaseSearch(query);
    if (!parsed.ok) throw httpError(parsed);
    const { org, posts } = this.contexts.context();
    const now = systemClock.now();
    const built = buildCaseQuery(grievancePrincipal(caller), parsed.filters, org, posts, now);
    if (!built.ok) throw httpError(built);
    return { cases: (await this.store.search(built.query, now)).map(maskedView) };
  }

  @Get(':id')
  async read(@Param('id') id: string, @CurrentPrincipal() caller: AuthPrincipal) {
    const c = await this.find(id);
    const { org, posts } = this.contexts.context();
    const viewed = caseViewFor(grievancePrincipal(caller), c, org, posts, systemClock.now());
    if (!viewed.ok) throw httpError(viewed);
    return viewed.view;
  }

  /**
   * An action on a case, computed from the stored version and written only over it; `If-Match`
   * (the version the caller read) makes it refuse with 412 when the case changed in between.
   */
  @Post(':id/actions')
  @HttpCode(200)
  async act(@Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @CurrentPrincipal() caller: AuthPrincipal) {
    const parsed = parseBody(commandSchema, body);
    const c = await this.find(id);
    if (ifMatch !== undefined) {
      const expected = versionHeader.safeParse(ifMatch.replaceAll('"', ''));
      if (!expected.success || expected.data !== c.version) {
        throw new HttpException({ code: 'CASE.VERSION_CONFLICT', message: `the case is at version ${c.version}; read it again and retry` }, HttpStatus.PRECONDITION_FAILED);
      }
    }
    const principal = grievancePrincipal(caller);
    const ctx = this.contexts.context();
    const now = systemClock.now();
    const command: OfficeBearerCommand = parsed.type === 'comment' ? { ...parsed, id: randomUUID() } : parsed;
    const result = actOnCase(principal, c, command, now, ctx);
    if (!result.ok) throw httpError(result);
    if (!(await this.store.replace(c.version, result.case, result.events))) throw concurrentChange();
    const viewed = caseViewFor(principal, result.case, ctx.org, ctx.posts, now);
    // After an escalation the case may have left the caller's sight: say only what they did.
    return viewed.ok ? viewed.view : { id: result.case.id, reference: result.case.reference, status: result.case.status, version: result.case.version };
  }

  /**
   * Folds a duplicate (`duplicateId`) into this case. Both must be at the caller's desk. The two
   * documents are written one after the other, the target first, each with compare-and-set; a
   * merge interrupted in between is finished by sending the same request again.
   */
  @Post(':id/merge')
  @HttpCode(200)
  async merge(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() caller: AuthPrincipal) {
    const { duplicateId } = parseBody(mergeSchema, body);
    const [target, duplicate] = [await this.find(id), await this.find(duplicateId)];
    const principal = grievancePrincipal(caller);
    const ctx = this.contexts.context();
    const now = systemClock.now();
    for (const c of [target, duplicate]) {
      const allowed = authorizeCaseAction(principal, c, 'merge', ctx.org, ctx.posts, now);
      if (!allowed.ok) throw httpError(allowed);
    }
    const merged = mergeCases(target, duplicate, principal.memberId ?? '', now, ctx.policy);
    if (!merged.ok) throw httpError(merged);
    if (merged.changed.target && !(await this.store.replace(target.version, merged.target, merged.events.target))) throw concurrentChange();
    if (merged.changed.duplicate && !(await this.store.replace(duplicate.version, merged.duplicate, merged.events.duplicate))) throw concurrentChange();
    const viewed = caseViewFor(principal, merged.target, ctx.org, ctx.posts, now);
    return viewed.ok ? viewed.view : { id: merged.target.id, reference: merged.target.reference, status: merged.target.status, version: merged.target.version };
  }

  /**
   * Who complained, for a state HQ or AICC member holding the unmask scope, with a reason. The
   * audit entry is stored (compare-and-set) before anything is shown, so no look goes unrecorded.
   */
  @Post(':id/unmask')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async unmask(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() caller: AuthPrincipal) {
    const { reason } = parseBody(unmaskSchema, body);
    const c = await this.find(id);
    const { org, posts } = this.contexts.context();
    const result = unmask(grievancePrincipal(caller), c, reason, systemClock.now(), org, posts);
    if (!result.ok) throw httpError(result);
    if (!(await this.store.replace(c.version, result.case, []))) throw concurrentChange();
    return { id: c.id, reference: c.reference, version: result.case.version, reporters: result.reporters };
  }

  private async find(id: string): Promise<Case> {
    const c = caseIdSchema.safeParse(id).success ? await this.store.get(id) : undefined;
    if (!c) throw notVisible();
    return c;
  }
}

function concurrentChange(): HttpException {
  return httpError({ ok: false, code: 'CASE.CONCURRENT_CHANGE', reason: 'the case changed while this action was applied; read it again and retry' });
}
