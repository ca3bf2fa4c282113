import type { CaseEvent } from '@cc/contracts';
import type { Case } from './case';

/**
 * Where cases live, as the domain needs it. The Mongo repository implements it with one document
 * per case holding its pending events (the outbox): `replace` is
 * `replaceOne({ _id, version: expectedVersion }, { ...next, outbox: [...outbox, ...events] })`,
 * so a change and the events it causes are written together or not at all, and a writer that
 * computed its change from an older version writes nothing.
 */
export interface CaseStore {
  /** Fails (false) when a case with that id exists: opening the same complaint twice keeps the first. */
  insert(c: Case, events: readonly CaseEvent[]): Promise<boolean>;
  get(caseId: string): Promise<Case | undefined>;
  /** Cases whose `dueAt` has come, earliest first. */
  findDue(now: Date, limit: number): Promise<Case[]>;
  /** Compare-and-set on the version: true when written, false when someone else changed the case first. */
  replace(expectedVersion: number, next: Case, events: readonly CaseEvent[]): Promise<boolean>;
}
