import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_CONFIG } from '@cc/config';
import { CaseContextProvider } from '../../cases/case-context.provider';
import { MongoCaseStore } from '../../cases/store/mongo-case-store';
import type { GrievanceConfig } from '../../config/grievance.config';
import { systemClock, type Clock } from '../../shared/clock';
import { sweepDueCases, type SweepReport } from '../sla-sweep';


/**
 * The SLA clock on an interval (GRIEVANCE_SWEEP_INTERVAL_MS): escalates overdue cases and closes
 * resolved ones whose reopen window has passed. It holds no state, so a restart resumes from the
 * store; every replica sweeps, and compare-and-set on the case version lets one write win per
 * case (the others count it `stale`). One pass at a time per replica.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly clock: Clock = systemClock;

  constructor(
    private readonly store: MongoCaseStore,
    private readonly contexts: CaseContextProvider,
    @Inject(SERVICE_CONFIG) private readonly config: GrievanceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.GRIEVANCE_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass now, unless one is running. */
  async sweep(): Promise<SweepReport | undefined> {
    if (this.running || !this.contexts.organisationKnown) return undefined;
    const pass = sweepDueCases(this.store, this.clock.now(), this.contexts.context(), this.config.GRIEVANCE_SWEEP_BATCH);
    this.running = pass.catch(() => undefined);
    try {
      const report = await pass;
      const { escalated, closed, stale, failed } = report;
      if (escalated.length + closed.length + stale.length + failed.length > 0) {
        this.logger.log(`SLA sweep: ${escalated.length} escalated, ${closed.length} closed, ${stale.length} stale, ${failed.length} failed`, { escalated, closed, stale, failed });
      }
      return report;
    } finally {
      this.running = undefined;
    }
  }

  private async tick(): Promise<void> {
    await this.sweep().catch((error: unknown) => this.logger.warn(`SLA sweep failed; next pass retries: ${(error as Error).message}`));
  }
}
