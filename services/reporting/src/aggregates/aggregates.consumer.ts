import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CaseEvent, type Member, type OrgUnit, type ReportAttributed, Topics } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import type { ConsumedEvent } from '@cc/messaging';
import { indianDay } from '../activity/unit-day';
import type { ReportingConfig } from '../config/reporting.config';
import { caseDelta, caseEventDayIncrements, type CaseState, type FoldContext, foldCaseEvent } from './case-fold';
import { merge } from './increments';
import { reportIncrements } from './report-contributions';
import { AggregatesStore, type OffsetIncrements } from './store/aggregates.store';
import { ReportIndexRepository } from './store/report-index.repository';

/**
 * Folds membership's and grievance's events into the aggregates, a batch (one partition's) at a
 * time. Counters first, then the state they were computed from: a crash in between is repaired by
 * the redelivered batch, which computes the same increments and finds them already marked.
 */
@Controller()
export class AggregatesConsumer {
  private readonly foldContext: FoldContext;

  constructor(
    private readonly store: AggregatesStore,
    private readonly reports: ReportIndexRepository,
    @Inject(SERVICE_CONFIG) config: ReportingConfig,
  ) {
    this.foldContext = {
      sla: { acknowledgeMs: config.REPORTING_SLA_ACKNOWLEDGE_MS, resolveMs: config.REPORTING_SLA_RESOLVE_MS, severityFactor: { normal: 1, high: 0.5, critical: 0.25 } },
      pathOf: (code) => store.org.get(code)?.path,
    };
  }

  /** Reports by the unit membership placed them in (its path), counted once per report id. */
  @EventPattern(Topics.ReportAttributed)
  async reportsAttributed(@Payload() events: Array<ConsumedEvent<ReportAttributed>>): Promise<void> {
    const counted = await this.reports.record(events);
    if (counted.length === 0) return;
    const entries: OffsetIncrements[] = counted.map(({ data, offset }) => ({
      offset: Number(offset),
      increments: reportIncrements({
        unitPath: data.attribution.unitPath,
        day: indianDay(data.receivedAt),
        channel: data.channel,
        category: data.declaredComplaint?.category ?? 'none',
      }),
    }));
    await this.store.applyIncrements(counted[0]!.partition, entries);
    const last = new Map<string, Date>();
    for (const { data } of counted) {
      const at = new Date(data.receivedAt);
      for (const code of data.attribution.unitPath) if ((last.get(code)?.getTime() ?? 0) < at.getTime()) last.set(code, at);
    }
    await this.store.touchUnits(last);
  }

  @EventPattern(Topics.CaseEvents)
  async caseEvents(@Payload() events: Array<ConsumedEvent<CaseEvent>>): Promise<void> {
    const stored = await this.store.caseStatesOf([...new Set(events.map((event) => event.data.caseId))]);
    const previous = new Map([...stored].map(([id, state]) => [id, state.version]));
    const working = new Map<string, CaseState>(stored);
    const changed = new Set<string>();
    const entries: OffsetIncrements[] = [];
    for (const { data, offset } of events) {
      const before = working.get(data.caseId);
      const folded = foldCaseEvent(before, data, this.foldContext);
      if (!folded.applied) continue;
      entries.push({ offset: Number(offset), increments: merge(caseDelta(before, folded.state), caseEventDayIncrements(data)) });
      working.set(data.caseId, folded.state);
      changed.add(data.caseId);
    }
    if (changed.size === 0) return;
    await this.store.applyIncrements(events[0]!.partition, entries);
    await this.store.saveCases([...changed].map((id) => working.get(id)!), previous);
  }

  @EventPattern(Topics.OrgUnit)
  async units(@Payload() events: Array<ConsumedEvent<OrgUnit>>): Promise<void> {
    await this.store.receiveUnits(events.map((event) => event.data));
  }

  @EventPattern(Topics.Member)
  async members(@Payload() events: Array<ConsumedEvent<Member>>): Promise<void> {
    await this.store.receiveMembers(events.map((event) => event.data));
  }
}
