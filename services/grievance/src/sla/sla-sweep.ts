import type { CaseStore } from '../cases/case-store';
import { SYSTEM, transition } from '../cases/case-lifecycle';
import type { CaseContext } from '../cases/case-context';
import { reminderDue } from './deadlines';
import { dueEscalation, escalate } from './escalation';

export interface SweepReport {
  readonly escalated: string[];
  readonly closed: string[];
  readonly reminded: string[];
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
  const report: SweepReport = { escalated: [], closed: [], reminded: [], stale: [], failed: [] };
  for (const c of await store.findDue(now, limit)) {
    // A passed deadline escalates (and restarts the clock, with its reminder); else a reminder.
    const kind = c.status === 'resolved' ? 'closed' : !dueEscalation(c, now) && reminderDue(c, now) ? 'reminded' : 'escalated';
    const result =
      kind === 'closed'
        ? transition(c, { type: 'close' }, SYSTEM, now, ctx.policy)
        : kind === 'reminded'
          ? transition(c, { type: 'remind' }, SYSTEM, now, ctx.policy)
          : escalate(c, now, ctx);
    if (!result.ok) {
      // A due time the index still held from an earlier version: nothing to do.
      if (result.code !== 'ESCALATION.NOT_DUE') report.failed.push({ caseId: c.id, code: result.code, reason: result.reason });
      continue;
    }
    const written = await store.replace(c.version, result.case, result.events);
    (written ? report[kind] : report.stale).push(c.id);
  }
  return report;
}
