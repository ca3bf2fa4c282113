import type { CaseEvent } from '@cc/contracts';
import type { Case } from './case';
import type { CaseStore } from './case-store';

/**
 * The store's contract in memory, for tests and for replaying the domain: compare-and-set on the
 * version, the outbox in the same write. Reads hand out copies, as a database would, so two
 * "replicas" never share an object.
 */
export class InMemoryCaseStore implements CaseStore {
  private readonly cases = new Map<string, { c: Case; outbox: CaseEvent[] }>();

  async insert(c: Case, events: readonly CaseEvent[]): Promise<boolean> {
    if (this.cases.has(c.id)) return false;
    this.cases.set(c.id, { c: structuredClone(c), outbox: [...events] });
    return true;
  }

  async get(caseId: string): Promise<Case | undefined> {
    const stored = this.cases.get(caseId);
    return stored && structuredClone(stored.c);
  }

  async findDue(now: Date, limit: number): Promise<Case[]> {
    return [...this.cases.values()]
      .map(({ c }) => c)
      .filter((c) => c.dueAt !== undefined && c.dueAt.getTime() <= now.getTime())
      .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())
      .slice(0, limit)
      .map((c) => structuredClone(c));
  }

  async replace(expectedVersion: number, next: Case, events: readonly CaseEvent[]): Promise<boolean> {
    const stored = this.cases.get(next.id);
    if (!stored || stored.c.version !== expectedVersion || next.version <= expectedVersion) return false;
    this.cases.set(next.id, { c: structuredClone(next), outbox: [...stored.outbox, ...events] });
    return true;
  }

  /** Every event written for a case, in order: what the relay would publish. */
  outbox(caseId: string): CaseEvent[] {
    return [...(this.cases.get(caseId)?.outbox ?? [])];
  }
}
