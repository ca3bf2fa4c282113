import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import type { Member, OrgUnit } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { duplicateIndexes, storeLatest } from '@cc/persistence';
import type { ReportingConfig } from '../../config/reporting.config';
import { OrgModel, type PostHolder } from '../../org/org-model';
import { type ActiveCase, ActiveCaseIndex, type OpenSummary } from '../active-case-index';
import { type CaseState, isActive, overdueAt } from '../case-fold';
import { applyToObject, type Increments } from '../increments';
import { parseRollupId, rollupId } from '../keys';
import { CaseStateDocument, OpenCaseDocument, AggregatePostHolder, Rollup, AggregateUnit, UnitPulse } from './aggregates.schema';

/** Records written this long before the last refresh are read again: replicas' clocks differ a little. */
const CLOCK_MARGIN_MS = 60_000;

export type RollupDoc = Record<string, unknown> & { _id: string; appliedOffset: number };

export type { ActiveCase, OpenSummary } from '../active-case-index';

const activeCase = (state: CaseState): ActiveCase => ({ state, overdueAt: overdueAt(state) });

/** One event's share of the counters, with the offset that marks it applied. */
export interface OffsetIncrements {
  offset: number;
  increments: Increments;
}

/**
 * The aggregates: stored in reporting's database (the truth, written by the consumers with
 * redelivery marks) and held in memory, where every query reads them — no query touches the
 * store. Each replica applies what it consumed at once and reads what the others wrote every
 * `REPORTING_REFRESH_MS` (documents carry `writtenAt`).
 */
@Injectable()
export class AggregatesStore implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(AggregatesStore.name);
  readonly org = new OrgModel();
  private readonly rollups = new Map<string, RollupDoc>();
  private readonly cells = new Map<string, Map<number, RollupDoc>>();
  /** The open-cases set in memory, indexed per unit by deadline (the open/overdue view reads it per unit, not whole). */
  private readonly openCases = new ActiveCaseIndex();
  private readonly pulse = new Map<string, Date>();
  private lastRefresh = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    @InjectModel(Rollup.name) private readonly rollupModel: Model<Rollup>,
    @InjectModel(CaseStateDocument.name) private readonly caseStates: Model<CaseStateDocument>,
    @InjectModel(OpenCaseDocument.name) private readonly openCaseModel: Model<OpenCaseDocument>,
    @InjectModel(UnitPulse.name) private readonly pulseModel: Model<UnitPulse>,
    @InjectModel(AggregateUnit.name) private readonly units: Model<AggregateUnit>,
    @InjectModel(AggregatePostHolder.name) private readonly holders: Model<AggregatePostHolder>,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn(`aggregates refresh failed: ${(error as Error).message}`));
    }, this.config.REPORTING_REFRESH_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Called after every change applied here (the live dashboard listens). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  // ---- reads (memory) ----

  /** A cell's documents, one per partition that wrote it. */
  cell(cellId: string): RollupDoc[] {
    return [...(this.cells.get(cellId)?.values() ?? [])];
  }

  /** Every active case, in the order they became active here. */
  activeCases(): IterableIterator<ActiveCase> {
    return this.openCases.values();
  }

  /** A unit's active and overdue cases at `now` (those with the unit at its depth of their path), per unit below, and the overdue queue (at most `limit`). */
  openCasesOf(unit: { readonly code: string; readonly path: readonly string[] }, now: Date, limit: number): OpenSummary {
    return this.openCases.open(unit.path.length - 1, unit.code, now.getTime(), limit);
  }

  lastReportAt(code: string): Date | undefined {
    return this.pulse.get(code);
  }

  // ---- writes ----

  /**
   * Adds each event's increments to its cells, in one read of the cells' marks and one bulk
   * write: a cell counts only events above its `appliedOffset`, and moves the mark in the same
   * single-document write, conditional on the mark it read (a consumer the group replaced fails
   * here, and the batch goes to the partition's new owner).
   */
  async applyIncrements(partition: number, entries: readonly OffsetIncrements[]): Promise<void> {
    const byDoc = new Map<string, OffsetIncrements[]>();
    for (const entry of entries) {
      for (const cell of entry.increments.keys()) {
        const id = rollupId(cell, partition);
        byDoc.set(id, [...(byDoc.get(id) ?? []), entry]);
      }
    }
    if (byDoc.size === 0) return;
    const marks = await this.rollupModel
      .find({ _id: { $in: [...byDoc.keys()] } }, { appliedOffset: 1 })
      .lean<Array<{ _id: string; appliedOffset: number }>>()
      .exec();
    const applied = new Map(marks.map((mark) => [mark._id, mark.appliedOffset]));
    const writtenAt = new Date();
    const inserts: RollupDoc[] = [];
    const updates: AnyBulkWriteOperation<Rollup>[] = [];
    const memory: Array<{ id: string; fields: Map<string, number>; offset: number }> = [];
    for (const [id, docEntries] of byDoc) {
      const mark = applied.get(id);
      const fresh = docEntries.filter((entry) => mark === undefined || entry.offset > mark);
      if (fresh.length === 0) continue;
      const { cell } = parseRollupId(id);
      const fields = new Map<string, number>();
      for (const entry of fresh) for (const [path, n] of entry.increments.get(cell)!) fields.set(path, (fields.get(path) ?? 0) + n);
      for (const [path, n] of fields) if (n === 0) fields.delete(path);
      const offset = Math.max(...fresh.map((entry) => entry.offset));
      memory.push({ id, fields, offset });
      if (mark === undefined) {
        const doc: RollupDoc = { _id: id, appliedOffset: offset, writtenAt };
        applyToObject(doc, fields);
        inserts.push(doc);
      } else {
        updates.push({
          updateOne: {
            filter: { _id: id, appliedOffset: mark },
            update: { ...(fields.size > 0 ? { $inc: Object.fromEntries(fields) } : {}), $set: { appliedOffset: offset, writtenAt } },
          },
        });
      }
    }
    if (inserts.length > 0) await this.rollupModel.collection.insertMany(inserts as never[], { ordered: false });
    if (updates.length > 0) {
      const result = await this.rollupModel.bulkWrite(updates, { ordered: false });
      if (result.matchedCount !== updates.length) throw new Error(`${updates.length - result.matchedCount} aggregate cells changed under their consumer`);
    }
    for (const { id, fields, offset } of memory) {
      const doc = this.rollups.get(id) ?? this.remember({ _id: id, appliedOffset: offset });
      applyToObject(doc, fields);
      doc.appliedOffset = offset;
    }
    this.changed();
  }

  async caseStatesOf(caseIds: readonly string[]): Promise<Map<string, CaseState>> {
    if (caseIds.length === 0) return new Map();
    const docs = await this.caseStates.find({ _id: { $in: [...caseIds] } }).lean<Array<{ _id: string; state: CaseState }>>().exec();
    return new Map(docs.map((doc) => [doc._id, doc.state]));
  }

  /**
   * Stores the cases' new states, each over the version it was read at (`previous`, 0 for a case
   * first seen), and keeps the open-cases set: an active case is (re)written there, any other
   * removed. Open cases first: a crash in between leaves them ahead of `case_state`, and the
   * redelivered batch writes the same again.
   */
  async saveCases(states: readonly CaseState[], previous: ReadonlyMap<string, number>): Promise<void> {
    if (states.length === 0) return;
    const writtenAt = new Date();
    await this.openCaseModel.bulkWrite(
      states.map((state) =>
        isActive(state)
          ? { replaceOne: { filter: { _id: state.caseId }, replacement: { _id: state.caseId, state, writtenAt }, upsert: true } }
          : { deleteOne: { filter: { _id: state.caseId } } },
      ),
      { ordered: false },
    );
    const fresh = states.filter((state) => !previous.get(state.caseId));
    const known = states.filter((state) => previous.get(state.caseId));
    if (fresh.length > 0) {
      await this.caseStates.collection.insertMany(
        fresh.map((state) => ({ _id: state.caseId, version: state.version, state })) as never[],
        { ordered: false },
      );
    }
    if (known.length > 0) {
      const result = await this.caseStates.bulkWrite(
        known.map((state) => ({
          updateOne: { filter: { _id: state.caseId, version: previous.get(state.caseId)! }, update: { $set: { version: state.version, state } } },
        })),
        { ordered: false },
      );
      if (result.matchedCount !== known.length) throw new Error(`${known.length - result.matchedCount} cases changed under their consumer`);
    }
    for (const state of states) {
      if (isActive(state)) this.openCases.set(state.caseId, activeCase(state));
      else this.openCases.delete(state.caseId);
    }
    this.openCases.flush();
    this.changed();
  }

  /** Moves each unit's last-report instant forward (`$max`: order and redelivery do not matter). */
  async touchUnits(lastReports: ReadonlyMap<string, Date>): Promise<void> {
    if (lastReports.size === 0) return;
    const writtenAt = new Date();
    const known = await this.pulseModel.find({ _id: { $in: [...lastReports.keys()] } }, { lastReportAt: 1 }).lean<UnitPulse[]>().exec();
    const stored = new Map(known.map((doc) => [doc._id, new Date(doc.lastReportAt)]));
    const fresh = [...lastReports].filter(([code]) => !stored.has(code));
    const later = [...lastReports].filter(([code, at]) => stored.has(code) && stored.get(code)!.getTime() < at.getTime());
    if (fresh.length > 0) {
      try {
        await this.pulseModel.collection.insertMany(fresh.map(([code, at]) => ({ _id: code, lastReportAt: at, writtenAt })) as never[], { ordered: false });
      } catch (error) {
        for (const index of duplicateIndexes(error)) later.push(fresh[index]!);
      }
    }
    if (later.length > 0) {
      await this.pulseModel.bulkWrite(
        later.map(([code, at]) => ({ updateOne: { filter: { _id: code }, update: { $max: { lastReportAt: at }, $set: { writtenAt } } } })),
        { ordered: false },
      );
    }
    for (const [code, at] of lastReports) if ((this.pulse.get(code)?.getTime() ?? 0) < at.getTime()) this.pulse.set(code, at);
    this.changed();
  }

  async receiveUnits(units: readonly OrgUnit[]): Promise<void> {
    await this.storeLatest<AggregateUnit>(
      this.units,
      units.map((unit) => ({ _id: unit.code, unit, updatedAt: new Date(unit.updatedAt) })),
    );
    for (const unit of units) this.org.applyUnit(unit);
  }

  async receiveMembers(members: readonly Member[]): Promise<void> {
    const holders = members.map(holderOf);
    await this.storeLatest<AggregatePostHolder>(
      this.holders,
      holders.map((holder) => ({ _id: holder.memberId, status: holder.status, posts: holder.posts, updatedAt: new Date(holder.updatedAt) })),
    );
    for (const holder of holders) this.org.applyHolder(holder);
  }

  /** Latest `updatedAt` per key wins (libs/persistence), stamped with when this replica wrote it for the others' refresh. */
  private async storeLatest<T>(model: Model<T>, records: ReadonlyArray<{ _id: string; updatedAt: Date } & Record<string, unknown>>): Promise<void> {
    const writtenAt = new Date();
    await storeLatest(model as unknown as Model<{ _id: string; updatedAt: Date }>, records.map((record) => ({ ...record, writtenAt })));
  }

  /** Reads into memory what was written since the last refresh, by this replica or another. */
  async refresh(): Promise<void> {
    const started = Date.now();
    const since = { writtenAt: { $gte: new Date(this.lastRefresh === 0 ? 0 : this.lastRefresh - CLOCK_MARGIN_MS) } };
    for (const { unit } of await this.units.find(since).lean<Array<{ unit: OrgUnit }>>().exec()) this.org.applyUnit(unit);
    for (const doc of await this.holders.find(since).lean<Array<{ _id: string; status: string; posts: PostHolder['posts']; updatedAt: Date }>>().exec()) {
      this.org.applyHolder({ memberId: doc._id, status: doc.status, posts: doc.posts, updatedAt: new Date(doc.updatedAt).toISOString() });
    }
    for (const doc of await this.pulseModel.find(since).lean<UnitPulse[]>().exec()) {
      const at = new Date(doc.lastReportAt);
      if ((this.pulse.get(doc._id)?.getTime() ?? 0) < at.getTime()) this.pulse.set(doc._id, at);
    }
    for (const doc of await this.rollupModel.find(since).lean<RollupDoc[]>().exec()) {
      const known = this.rollups.get(doc._id);
      if (!known || known.appliedOffset <= doc.appliedOffset) this.remember(doc);
    }
    // Open cases: read whole (small), so that closed ones written elsewhere disappear here too.
    if (this.lastRefresh === 0 || started - this.lastRefresh >= this.config.REPORTING_REFRESH_MS) {
      const open = await this.openCaseModel.find({}, { state: 1 }).lean<Array<{ _id: string; state: CaseState }>>().exec();
      const seen = new Set(open.map((doc) => doc._id));
      for (const doc of open) {
        const known = this.openCases.get(doc._id);
        if (!known || known.state.version <= doc.state.version) this.openCases.set(doc._id, activeCase(doc.state));
      }
      for (const [id, { state }] of this.openCases.entries()) if (!seen.has(id) && Date.parse(state.updatedAt) < started - CLOCK_MARGIN_MS) this.openCases.delete(id);
      this.openCases.flush();
    }
    this.lastRefresh = started;
  }

  private remember(doc: RollupDoc): RollupDoc {
    const { cell, partition } = parseRollupId(doc._id);
    this.rollups.set(doc._id, doc);
    const partitions = this.cells.get(cell) ?? new Map<number, RollupDoc>();
    partitions.set(partition, doc);
    this.cells.set(cell, partitions);
    return doc;
  }
}

/** What reporting keeps of a member: status and the posts held now. */
export function holderOf(member: Member): PostHolder {
  return {
    memberId: member.memberId,
    status: member.status,
    posts: member.posts.filter((tenure) => tenure.to === undefined).map(({ unitCode, post }) => ({ unitCode, post })),
    updatedAt: member.updatedAt,
  };
}
