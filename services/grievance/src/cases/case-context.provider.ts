import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { SERVICE_CONFIG } from '@cc/config';
import type { GrievanceConfig } from '../config/grievance.config';
import { OrgReadModels } from '../org/store/org-read-models';
import { DEFAULT_RULE_SET } from '../routing/default-rules';
import type { RuleSet } from '../routing/routing-rule';
import { RuleSetsRepository } from '../routing/store/rule-sets.repository';
import type { CaseContext } from './case-context';

/**
 * What every decision about a case reads, as of now: the read models, the routing rules in force
 * (seeded as version 1 at the first boot, re-read periodically so a revision made through another
 * replica takes effect here too) and the SLA policy from the configuration.
 */
@Injectable()
export class CaseContextProvider implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(CaseContextProvider.name);
  private ruleSet: RuleSet = DEFAULT_RULE_SET;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readModels: OrgReadModels,
    private readonly ruleSets: RuleSetsRepository,
    @Inject(SERVICE_CONFIG) private readonly config: GrievanceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.ruleSets.seedDefault();
    await this.reloadRules();
    this.timer = setInterval(() => {
      this.reloadRules().catch((error: unknown) => this.logger.warn(`routing rules reload failed: ${(error as Error).message}`));
    }, this.config.GRIEVANCE_READ_MODEL_REFRESH_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  context(): CaseContext {
    return { org: this.readModels.org, posts: this.readModels.posts, ruleSet: this.ruleSet, policy: this.config.GRIEVANCE_SLA_POLICY };
  }

  /** Whether the units topic has reached this replica yet: nothing can be routed before. */
  get organisationKnown(): boolean {
    return this.readModels.org.size > 0;
  }

  get currentRuleSet(): RuleSet {
    return this.ruleSet;
  }

  /** After a revision through this replica: in force here at once, elsewhere at the next reload. */
  useRuleSet(ruleSet: RuleSet): void {
    if (ruleSet.version > this.ruleSet.version) this.ruleSet = ruleSet;
  }

  private async reloadRules(): Promise<void> {
    const current = await this.ruleSets.current();
    if (current) this.useRuleSet(current);
  }
}
