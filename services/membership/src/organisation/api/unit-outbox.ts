import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OrgUnitsOutboxRelay } from '../org-units.outbox-relay';

/**
 * Publishes units' pending unit-changed events right after an import, instead of waiting for the
 * relay's sweep. The relay is OrganisationModule's own (one per process, so one sweep): it is
 * looked up rather than injected because OrganisationModule does not export it.
 */
@Injectable()
export class UnitOutbox {
  private readonly logger = new Logger(UnitOutbox.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  async publishNow(codes: readonly string[]): Promise<void> {
    const relay = this.moduleRef.get(OrgUnitsOutboxRelay, { strict: false });
    const results = await Promise.allSettled(codes.map((code) => relay.publishNow(code)));
    const failed = results.filter((result) => result.status === 'rejected').length;
    if (failed > 0) this.logger.warn(`${failed} unit events not published yet; the outbox sweep will`, { units: codes.length });
  }
}
