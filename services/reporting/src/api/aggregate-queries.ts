import { Injectable } from '@nestjs/common';
import { indianDay } from '../activity/unit-day';
import { type Histogram, mergeHistograms, summarise } from '../aggregates/histogram';
import { addDays, cellId, codeOfKey, daysBetween, monthsBetween, type RollupKind } from '../aggregates/keys';
import { AggregatesStore, type RollupDoc } from '../aggregates/store/aggregates.store';
import { committeeCoverage } from '../org/committee-coverage';
import type { UnitInfo } from '../org/org-model';
import { silentUnits } from '../org/silent-units';
import type { DayRange } from './query';

type Counts = Record<string, number>;

type Nested = Record<string, unknown>;

const add = (target: Counts, source: unknown) => {
  for (const [key, n] of Object.entries((source ?? {}) as Counts)) if (typeof n === 'number') target[key] = (target[key] ?? 0) + n;
  return target;
};
const sum = (counts: Counts) => Object.values(counts).reduce((total, n) => total + n, 0);

/**
 * The answers of the aggregates API, from memory only: a query reads the few cells of its unit and
 * months (one per partition that wrote them) and the in-memory org, open cases and pulse.
 */
@Injectable()
export class AggregateQueries {
  constructor(private readonly store: AggregatesStore) {}

  private name(code: string) {
    const unit = this.store.org.get(code);
    return { unitCode: code, nameEn: unit?.nameEn ?? code, ...(unit?.nameHi ? { nameHi: unit.nameHi } : {}), ...(unit ? { level: unit.level } : {}) };
  }

  /** Each day of the range with its `d.<DD>` entries, summed over partitions. */
  private *days(kind: RollupKind, unitCode: string, range: DayRange): Generator<[string, Nested]> {
    for (const month of monthsBetween(range.from, range.to)) {
      for (const doc of this.store.cell(cellId(kind, unitCode, month))) {
        for (const [dd, entry] of Object.entries((doc.d ?? {}) as Record<string, Nested>)) {
          const day = `${month}-${dd}`;
          if (day >= range.from && day <= range.to) yield [day, entry];
        }
      }
    }
  }

  private docs(kind: RollupKind, unitCode: string, range: DayRange): RollupDoc[] {
    return monthsBetween(range.from, range.to).flatMap((month) => this.store.cell(cellId(kind, unitCode, month)));
  }

  activity(unit: UnitInfo, range: DayRange) {
    const byDay = new Map<string, { reports: number; byChannel: Counts; byCategory: Counts }>(
      daysBetween(range.from, range.to).map((day) => [day, { reports: 0, byChannel: {}, byCategory: {} }]),
    );
    const children = new Map<string, { reports: number; byChannel: Counts }>(this.store.org.childrenOf(unit.code).map((child) => [child.code, { reports: 0, byChannel: {} }]));
    for (const [day, entry] of this.days('r', unit.code, range)) {
      const row = byDay.get(day)!;
      row.reports += (entry.n as number | undefined) ?? 0;
      add(row.byChannel, entry.ch);
      add(row.byCategory, entry.cat);
      for (const [key, kid] of Object.entries((entry.k ?? {}) as Record<string, Nested>)) {
        const code = codeOfKey(key);
        const child = children.get(code) ?? { reports: 0, byChannel: {} };
        child.reports += (kid.n as number | undefined) ?? 0;
        add(child.byChannel, kid.ch);
        children.set(code, child);
      }
    }
    const days = [...byDay].map(([day, row]) => ({ day, ...row }));
    return {
      unit: this.name(unit.code),
      ...range,
      reports: days.reduce((total, row) => total + row.reports, 0),
      byChannel: days.reduce((counts, row) => add(counts, row.byChannel), {} as Counts),
      byCategory: days.reduce((counts, row) => add(counts, row.byCategory), {} as Counts),
      byDay: days,
      children: [...children].map(([code, row]) => ({ ...this.name(code), ...row })).sort((a, b) => b.reports - a.reports || a.unitCode.localeCompare(b.unitCode)),
    };
  }

  /** Cases opened in the range, by category and current status; handling times over the months the range touches. */
  cases(unit: UnitInfo, range: DayRange) {
    const byCategoryStatus: Record<string, Counts> = {};
    const byDay = new Map<string, Counts>(daysBetween(range.from, range.to).map((day) => [day, {}]));
    for (const [day, entry] of this.days('c', unit.code, range)) {
      for (const [category, statuses] of Object.entries((entry.x ?? {}) as Record<string, Counts>)) {
        add((byCategoryStatus[category] ??= {}), statuses);
        add(byDay.get(day)!, statuses);
      }
    }
    const docs = this.docs('c', unit.code, range);
    const ack: Histogram = {};
    const resolve: Histogram = {};
    const children = new Map<string, Counts>(this.store.org.childrenOf(unit.code).map((child) => [child.code, {}]));
    const blocks = new Map<string, Record<string, { byStatus: Counts; resolve: Histogram }>>();
    for (const doc of docs) {
      mergeHistograms(ack, doc.a as Histogram | undefined);
      mergeHistograms(resolve, doc.z as Histogram | undefined);
      for (const [key, kid] of Object.entries((doc.k ?? {}) as Record<string, Nested>)) {
        const row = children.get(codeOfKey(key)) ?? {};
        for (const statuses of Object.values((kid.x ?? {}) as Record<string, Counts>)) add(row, statuses);
        children.set(codeOfKey(key), row);
      }
      for (const [key, categories] of Object.entries((doc.g ?? {}) as Record<string, Record<string, Nested>>)) {
        const card = blocks.get(codeOfKey(key)) ?? {};
        for (const [category, entry] of Object.entries(categories)) {
          const line = (card[category] ??= { byStatus: {}, resolve: {} });
          add(line.byStatus, entry.s);
          mergeHistograms(line.resolve, entry.z as Histogram | undefined);
        }
        blocks.set(codeOfKey(key), card);
      }
    }
    const byStatus: Counts = {};
    const byCategory: Counts = {};
    for (const [category, statuses] of Object.entries(byCategoryStatus)) {
      add(byStatus, statuses);
      byCategory[category] = sum(statuses);
    }
    const scorecard = (line: { byStatus: Counts; resolve: Histogram } | undefined) => {
      const statuses = line?.byStatus ?? {};
      return { complaints: sum(statuses), active: sum(statuses) - (statuses.resolved ?? 0) - (statuses.closed ?? 0), byStatus: statuses, timeToResolve: summarise(line?.resolve ?? {}) };
    };
    return {
      unit: this.name(unit.code),
      ...range,
      opened: sum(byStatus),
      byStatus,
      byCategory,
      byCategoryStatus,
      byDay: [...byDay].map(([day, statuses]) => ({ day, opened: sum(statuses), byStatus: statuses })),
      children: [...children].map(([code, statuses]) => ({ ...this.name(code), opened: sum(statuses), byStatus: statuses })).sort((a, b) => b.opened - a.opened || a.unitCode.localeCompare(b.unitCode)),
      timeToAcknowledge: summarise(ack),
      timeToResolve: summarise(resolve),
      governmentScorecards: [...blocks]
        .map(([code, card]) => ({ ...this.name(code), bdo: scorecard(card['bdo-conduct']), co: scorecard(card['co-conduct']) }))
        .sort((a, b) => b.bdo.complaints + b.co.complaints - (a.bdo.complaints + a.co.complaints) || a.unitCode.localeCompare(b.unitCode)),
    };
  }

  /** The desks of the unit and of the units just below it: how often and how fast they acknowledged what reached them. */
  responsiveness(unit: UnitInfo, range: DayRange) {
    const desks = new Map<string, { reached: number; acknowledged: number; acknowledgedInTime: number; escalatedAway: number; ack: Histogram }>();
    for (const doc of this.docs('c', unit.code, range)) {
      for (const [key, entry] of Object.entries((doc.r ?? {}) as Record<string, Nested>)) {
        const row = desks.get(codeOfKey(key)) ?? { reached: 0, acknowledged: 0, acknowledgedInTime: 0, escalatedAway: 0, ack: {} };
        row.reached += (entry.n as number | undefined) ?? 0;
        row.acknowledged += (entry.a as number | undefined) ?? 0;
        row.acknowledgedInTime += (entry.w as number | undefined) ?? 0;
        row.escalatedAway += (entry.e as number | undefined) ?? 0;
        mergeHistograms(row.ack, entry.h as Histogram | undefined);
        desks.set(codeOfKey(key), row);
      }
    }
    return {
      unit: this.name(unit.code),
      ...range,
      desks: [...desks]
        .map(([code, { ack, ...row }]) => ({
          ...this.name(code),
          ...row,
          inTimeShare: row.reached === 0 ? 0 : Math.round((row.acknowledgedInTime / row.reached) * 1000) / 1000,
          timeToAcknowledge: summarise(ack),
        }))
        .sort((a, b) => a.inTimeShare - b.inTimeShare || b.reached - a.reached),
    };
  }

  /**
   * Cases waiting on the organisation now, and those past their time; the overdue queue, most
   * overdue first. Read from the per-unit deadline index, not a walk over the active cases.
   */
  open(unit: UnitInfo, now: Date, limit: number) {
    const t = now.getTime();
    const summary = this.store.openCasesOf(unit, now, limit);
    const children = new Map<string, { active: number; overdue: number }>(this.store.org.childrenOf(unit.code).map((child) => [child.code, { active: 0, overdue: 0 }]));
    for (const [code, row] of summary.children) children.set(code, row);
    return {
      unit: this.name(unit.code),
      at: now.toISOString(),
      active: summary.active,
      overdue: summary.overdue,
      byCategory: summary.byCategory,
      children: [...children].map(([code, row]) => ({ ...this.name(code), ...row })).sort((a, b) => b.overdue - a.overdue || b.active - a.active || a.unitCode.localeCompare(b.unitCode)),
      queue: summary.queue.map(({ state, overdueAt: due }) => ({
        caseId: state.caseId,
        reference: state.reference,
        category: state.category,
        severity: state.severity,
        status: state.status,
        unit: this.name(state.unitPath[state.unitPath.length - 1]!),
        desk: this.name(state.deskUnitCode),
        openedAt: state.openedAt,
        overdueSince: new Date(due).toISOString(),
        overdueMs: t - due,
      })),
    };
  }

  silent(unit: UnitInfo, days: number, level: 'block' | 'panchayat' | 'all', now: Date, limit: number) {
    const units = silentUnits(this.store.org, (code) => this.store.lastReportAt(code), unit.code, days, now, level === 'all' ? ['block', 'panchayat'] : [level]);
    return { unit: this.name(unit.code), days, at: now.toISOString(), count: units.length, units: units.slice(0, limit) };
  }

  committees(unit: UnitInfo) {
    return { unit: this.name(unit.code), rule: 'formed: an active president; filled: president, a (general) secretary and a treasurer, all active', ...committeeCoverage(this.store.org, unit.code) };
  }

  /** What the war room shows, in one answer (also what the live stream sends). */
  dashboard(unit: UnitInfo, days: number, silentDays: number, now: Date) {
    const to = indianDay(now.toISOString());
    const range = { from: addDays(to, -(days - 1)), to };
    const activity = this.activity(unit, range);
    const today = activity.byDay[activity.byDay.length - 1]!;
    const open = this.open(unit, now, 50);
    const silent = this.silent(unit, silentDays, 'block', now, 50);
    return {
      unit: activity.unit,
      at: now.toISOString(),
      range,
      today: { day: today.day, reports: today.reports, byChannel: today.byChannel },
      reports: activity.reports,
      channelMix: activity.byChannel,
      trend: activity.byDay.map(({ day, reports }) => ({ day, reports })),
      byActivity: activity.children,
      active: open.active,
      overdue: open.overdue,
      byOverdue: open.children,
      overdueQueue: open.queue,
      silentBlocks: { days: silentDays, count: silent.count, units: silent.units },
    };
  }
}
