import type { CaseStore } from '../cases/case-store';
import { SYSTEM, transition } from '../cases/case-lifecycle';
import type { CaseContext } from '../cases/case-context';
import { escalate } from './escalation';

export interface SweepReport {
  readonly escalated: string[];
  readonly closed: string[];
  /** Cases another replica changed first: its write won, this one wrote nothing. */
  readonly stale: string[];
  readonly failed: { caseId: string; code: string; reason: string }[];
}

/**
 * One pass of the SLA clock: every case whose `dueAt` has come is escalated or (resolved, window
 * passed) closed, each written with compare-and-set on the version it was read at. The clocks are
 * instants stored on the cases, so a restarted process resumes where the last one stopped, and
 * several replicas may sweep at once: for each case one write wins and the others are stale.
 * A case overdue by weeks moves one level per pass; the ceiling alone jumps levels.
 */
export async function sweepDueCases(store: CaseStore, now: Date, ctx: CaseContext, limit = 100): Promise<SweepReport> {
  const report: SweepReport = { escalated: [], closed: [], stale: [], failed: [] };
  for (const c of await store.findDue(now, limit)) {
    const closing = c.status === 'resolved';
    const result = closing ? transition(c, { type: 'close' }, SYSTEM, now, ctx.policy) : escalate(c, now, ctx);
    if (!result.ok) {
      // A due time the index still held from an earlier version: nothing to do.
      if (result.code !== 'ESCALATION.NOT_DUE') report.failed.push({ caseId: c.id, code: result.code, reason: result.reason });
      continue;
    }
    const written = await store.replace(c.version, result.case, result.events);
    (written ? (closing ? report.closed : report.escalated) : report.stale).push(c.id);
  }
  return report;
}
