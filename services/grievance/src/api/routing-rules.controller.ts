import { Body, Controller, Get, Headers, HttpException, HttpStatus, Put, UseGuards } from '@nestjs/common';
import { CurrentPrincipal, type Principal as AuthPrincipal, PrincipalGuard } from '@cc/auth';
import { CaseContextProvider } from '../cases/case-context.provider';
import type { RuleSet } from '../routing/routing-rule';
import { reviseRuleSet } from '../routing/rule-set-validation';
import { RuleSetsRepository } from '../routing/store/rule-sets.repository';
import { principalScope } from '../shared/principal';
import { systemClock } from '../shared/clock';
import { grievancePrincipal, httpError } from './http-rejection';

/**
 * The routing rules in force, versioned as a whole: any HQ (state HQ, AICC) reads them; AICC
 * replaces them, since one rule set routes every state. A revision is validated (every problem at
 * once) and becomes the next version; cases keep the version that routed them.
 */
@Controller('v1/routing-rules')
@UseGuards(PrincipalGuard)
export class RoutingRulesController {
  constructor(
    private readonly contexts: CaseContextProvider,
    private readonly ruleSets: RuleSetsRepository,
  ) {}

  @Get()
  async read(@CurrentPrincipal() caller: AuthPrincipal) {
    this.authorize(caller, ['state-hq', 'aicc-admin']);
    return view((await this.ruleSets.current()) ?? this.contexts.currentRuleSet);
  }

  /** `{ rules, escalation? }`; `If-Match: <version>` refuses (412) when the rules changed since they were read. */
  @Put()
  async revise(@Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @CurrentPrincipal() caller: AuthPrincipal) {
    this.authorize(caller, ['aicc-admin']);
    const current = await this.ruleSets.current();
    if (ifMatch !== undefined && ifMatch.replaceAll('"', '') !== String(current?.version ?? 0)) {
      throw new HttpException({ code: 'RULES.VERSION_CONFLICT', message: `the rules are at version ${current?.version ?? 0}; read them again and retry` }, HttpStatus.PRECONDITION_FAILED);
    }
    const revised = reviseRuleSet(current, body, caller.memberId ?? caller.subject, systemClock.now());
    if (!revised.ok) throw httpError(revised);
    if (!(await this.ruleSets.insert(revised.ruleSet))) {
      throw httpError({ ok: false, code: 'RULES.CONCURRENT_REVISION', reason: `version ${revised.ruleSet.version} was written by someone else first; read the rules again` });
    }
    this.contexts.useRuleSet(revised.ruleSet);
    return view(revised.ruleSet);
  }

  private authorize(caller: AuthPrincipal, roles: ReadonlyArray<'state-hq' | 'aicc-admin'>): void {
    const scope = principalScope(grievancePrincipal(caller), this.contexts.context().org);
    if (!scope.ok) throw httpError(scope);
    if (!scope.roles.some((role) => (roles as readonly string[]).includes(role))) {
      const code = roles.length === 1 ? 'ACCESS.AICC_ONLY' : 'ACCESS.HQ_ONLY';
      throw httpError({ ok: false, code, reason: roles.length === 1 ? 'only AICC may change the routing rules' : 'the routing rules are for the state HQs and AICC' });
    }
  }
}

function view(ruleSet: RuleSet) {
  return { version: ruleSet.version, rules: ruleSet.rules, escalation: ruleSet.escalation, createdAt: ruleSet.createdAt.toISOString(), createdBy: ruleSet.createdBy };
}
