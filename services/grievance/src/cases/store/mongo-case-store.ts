import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CASE_EVENT_DEFINITIONS, type CaseEvent } from '@cc/contracts';
import { outboxEntry, withPendingOutbox } from '@cc/messaging';
import { duplicateIndexes, isDuplicateKeyError, type OutboxEntry } from '@cc/persistence';
import type { CaseQuery } from '../../access/case-search';
import { matchesCaseQuery } from '../../access/case-search';
import { ACTIVE_STATUSES, type Case } from '../case';
import type { CaseStore } from '../case-store';
import { CaseOutboxRelay } from './case.outbox-relay';
import { CaseDocument } from './case.schema';

/** Top-level fields a case may lose in a change (a closed case has no `dueAt`): unset when absent. */
const OPTIONAL_FIELDS = [
  'closedAs',
  'subjectText',
  'governmentUnitCode',
  'assigneeId',
  'acknowledgedAt',
  'resolvedAt',
  'closedAt',
  'resolution',
  'dueAt',
  'remindedFor',
  'mergedInto',
] as const satisfies readonly (keyof Case)[];

const OUTBOX_FIELDS = ['outbox', 'outboxRelayed', 'outboxPending'] as const;

/**
 * The CaseStore on MongoDB (FerretDB locally): one document per case, `_id` the case id, its events
 * in the same document (the outbox). Every change is a compare-and-set on `version` filtered by
 * `_id`, so two replicas (two sweepers, two office-bearers) never both write over one version.
 * Written through the driver as the domain shapes it (instants stay BSON dates); `undefined` is
 * never written. After a write the relay publishes the events at once; its sweep catches up
 * after a crash.
 */
@Injectable()
export class MongoCaseStore implements CaseStore {
  private readonly logger = new Logger(MongoCaseStore.name);

  constructor(
    @InjectModel(CaseDocument.name) private readonly model: Model<CaseDocument>,
    private readonly relay: CaseOutboxRelay,
  ) {}

  async insert(c: Case, events: readonly CaseEvent[]): Promise<boolean> {
    try {
      await this.model.collection.insertOne(this.newDocument(c, events) as never);
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.publish(c.id);
    return true;
  }

  /**
   * Opens many cases in one unordered write; a case whose id exists already (a redelivered report)
   * is left as it is. Every id's events are then published, the existing ones' too: they may still
   * be pending from a crash before they went out. Returns the ids written now.
   */
  async insertMany(opened: ReadonlyArray<{ case: Case; events: readonly CaseEvent[] }>): Promise<string[]> {
    if (opened.length === 0) return [];
    let duplicates = new Set<number>();
    try {
      await this.model.collection.insertMany(
        opened.map(({ case: c, events }) => this.newDocument(c, events) as never),
        { ordered: false },
      );
    } catch (error) {
      duplicates = duplicateIndexes(error);
    }
    await Promise.all(opened.map(({ case: c }) => this.publish(c.id)));
    return opened.filter((_, index) => !duplicates.has(index)).map(({ case: c }) => c.id);
  }

  async get(caseId: string): Promise<Case | undefined> {
    const document = await this.model.collection.findOne({ _id: caseId } as never);
    return document ? toCase(document) : undefined;
  }

  /** The case a reporter quotes (`JH-2026-7F3A9C21E4`); indexed. */
  async byReference(reference: string): Promise<Case | undefined> {
    const document = await this.model.collection.findOne({ reference } as never);
    return document ? toCase(document) : undefined;
  }

  async findDue(now: Date, limit: number): Promise<Case[]> {
    const documents = await this.model.collection.find({ dueAt: { $lte: now } }).sort({ dueAt: 1 }).limit(limit).toArray();
    return documents.map(toCase);
  }

  async replace(expectedVersion: number, next: Case, events: readonly CaseEvent[]): Promise<boolean> {
    if (next.version <= expectedVersion) return false;
    const { _id, ...fields } = toDocument(next);
    const unset = OPTIONAL_FIELDS.filter((field) => !(field in fields));
    const entries = outboxEntries(events);
    const update = {
      $set: { ...fields, ...(entries.length > 0 ? { outboxPending: true } : {}) },
      ...(entries.length > 0 ? { $push: { outbox: { $each: entries } } } : {}),
      ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((field) => [field, ''])) } : {}),
    };
    const written = await this.model.collection.updateOne({ _id, version: expectedVersion } as never, update as never);
    if (written.matchedCount === 0) return false;
    if (entries.length > 0) await this.publish(next.id);
    return true;
  }

  /** Active cases at any desk of these units, or assigned to this member: "my queue" before the guard filters it. */
  async activeAt(unitCodes: readonly string[], memberId: string | undefined, limit = 500): Promise<Case[]> {
    const atDesk = { 'handler.desk.unitCode': { $in: [...unitCodes] }, status: { $in: [...ACTIVE_STATUSES] } };
    const filter = memberId === undefined ? atDesk : { $or: [atDesk, { assigneeId: memberId, status: { $in: [...ACTIVE_STATUSES] } }] };
    const documents = await this.model.collection.find(filter as never).limit(limit).toArray();
    return documents.map(toCase);
  }

  /**
   * HQ search: the indexed part of the query in the store (subtree, guard, simple filters), the
   * rest (overdue, visibility) by the same predicate the domain tests.
   */
  async search(query: CaseQuery, now: Date): Promise<Case[]> {
    const filter: Record<string, unknown> = {
      'partyUnit.path': query.within,
      'guard.excludedUnitCodes': { $nin: [...query.viewer.conflictCodes] },
      ...(query.viewer.memberId ? { 'guard.excludedMemberIds': { $ne: query.viewer.memberId } } : {}),
      ...(query.categories ? { category: { $in: [...query.categories] } } : {}),
      ...(query.statuses ? { status: { $in: [...query.statuses] } } : {}),
      ...(query.severities ? { severity: { $in: [...query.severities] } } : {}),
      ...(query.reference ? { reference: query.reference } : {}),
    };
    const documents = await this.model.collection
      .find(filter as never)
      .sort({ openedAt: -1 })
      .limit(Math.max(query.limit * 5, 500))
      .toArray();
    return documents
      .map(toCase)
      .filter((c) => matchesCaseQuery(query, c, now))
      .slice(0, query.limit);
  }

  private newDocument(c: Case, events: readonly CaseEvent[]): Record<string, unknown> {
    return { ...toDocument(c), ...withPendingOutbox(outboxEntries(events)) };
  }

  private async publish(caseId: string): Promise<void> {
    await this.relay.publishNow(caseId).catch((error: unknown) => this.logger.warn(`case ${caseId}: events left for the outbox sweep: ${(error as Error).message}`));
  }
}

function outboxEntries(events: readonly CaseEvent[]): OutboxEntry[] {
  return events.map((event) => outboxEntry(CASE_EVENT_DEFINITIONS[event.type], event, event.eventId));
}

function toDocument(c: Case): { _id: string } & Record<string, unknown> {
  const { id, ...rest } = c;
  return { _id: id, ...(withoutUndefined(rest) as Record<string, unknown>) };
}

function toCase(document: Record<string, unknown>): Case {
  const { _id, ...rest } = document;
  for (const field of OUTBOX_FIELDS) delete rest[field];
  return { id: _id as string, ...rest } as unknown as Case;
}

/** A deep copy without `undefined` (which the driver would store as null); dates stay dates. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([key, child]) => [key, withoutUndefined(child)]),
  );
}
