import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, HttpException, HttpStatus, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal, type Principal as AuthPrincipal, PrincipalGuard } from '@cc/auth';
import { memberIdSchema, ResolutionOutcomes } from '@cc/contracts';
import { actOnCase, type OfficeBearerCommand } from '../access/case-actions';
import { queueOf, queueScopeFor } from '../access/case-queue';
import { buildCaseQuery, parseCaseSearch } from '../access/case-search';
import type { Case } from '../cases/case';
import { CaseContextProvider } from '../cases/case-context.provider';
import { MongoCaseStore } from '../cases/store/mongo-case-store';
import { caseViewFor, maskedView } from '../guard/reporter-masking';
import { systemClock } from '../shared/clock';
import { grievancePrincipal, httpError, notVisible } from './http-rejection';

const note = z.string().trim().min(1).max(2000);

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
    const parsed = commandSchema.safeParse(body);
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
      throw httpError({ ok: false, code: 'ACTION.INVALID', reason: message });
    }
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
    const command: OfficeBearerCommand = parsed.data.type === 'comment' ? { ...parsed.data, id: randomUUID() } : parsed.data;
    const result = actOnCase(principal, c, command, now, ctx);
    if (!result.ok) throw httpError(result);
    if (!(await this.store.replace(c.version, result.case, result.events))) {
      throw httpError({ ok: false, code: 'CASE.CONCURRENT_CHANGE', reason: 'the case changed while this action was applied; read it again and retry' });
    }
    const viewed = caseViewFor(principal, result.case, ctx.org, ctx.posts, now);
    // After an escalation the case may have left the caller's sight: say only what they did.
    return viewed.ok ? viewed.view : { id: result.case.id, reference: result.case.reference, status: result.case.status, version: result.case.version };
  }

  private async find(id: string): Promise<Case> {
    const c = /^case_[A-Za-z0-9_-]{8,64}$/.test(id) ? await this.store.get(id) : undefined;
    if (!c) throw notVisible();
    return c;
  }
}
