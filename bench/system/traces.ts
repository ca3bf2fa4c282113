import { percentiles, type Percentiles } from '../http-load';

/**
 * One channel message followed through the pipeline, all instants in epoch milliseconds of this
 * machine's clock (the services' Kafka record timestamps are taken on the same clock).
 */
export interface Trace {
  step: number;
  /** The bench wrote the HTTP request. */
  sentAt: number;
  /** Intake answered 2xx: the report is stored and Kafka acknowledged its event (acks=all). */
  acceptedAt?: number;
  reportId?: string;
  /** Timestamps of the records the services produced: report-received, report-attributed, the state feed's record, the case opened. */
  receivedTs?: number;
  attributedTs?: number;
  feedTs?: number;
  caseOpenedTs?: number;
  /** The bench's feed reader got the state feed's record. */
  feedReadAt?: number;
}

/** A stage's latency figures, in milliseconds. */
export interface StageFigures extends Percentiles {
  count: number;
}

export interface StepFigures {
  /** Reports intake accepted (2xx): only messages that become reports are traced, not statuses or reactions. */
  reports: number;
  /** Reports whose record reached the state feed before the drain deadline. */
  fed: number;
  /** Accepted reports with no state feed record at the drain deadline: counted as infinitely late in the end-to-end p99. */
  notFed: number;
  complaintsOpened: number;
  /** Intake accepted → the feed reader has the state feed record: the requirement's measure. */
  endToEnd: StageFigures;
  stages: {
    /** Request due → 2xx answer. */
    intakeAnswer: StageFigures;
    /** report-received record → report-attributed record. */
    membership: StageFigures;
    /** report-attributed record → state feed record. */
    reportingFeed: StageFigures;
    /** report-attributed record → case opened (complaints). */
    grievanceCase: StageFigures;
    /** state feed record → read by a plain Kafka consumer (the analyst's side). */
    feedToReader: StageFigures;
  };
}

function stage(values: number[]): StageFigures {
  return { count: values.length, ...percentiles(values) };
}

function between(traces: readonly Trace[], from: (trace: Trace) => number | undefined, to: (trace: Trace) => number | undefined): number[] {
  const values: number[] = [];
  for (const trace of traces) {
    const start = from(trace);
    const end = to(trace);
    if (start !== undefined && end !== undefined) values.push(end - start);
  }
  return values;
}

/**
 * The figures of one rate step. A report that never reached the feed counts as infinitely late,
 * so that losing reports cannot make the p99 look better.
 */
export function stepFigures(traces: readonly Trace[]): StepFigures {
  const reports = traces.filter((trace) => trace.acceptedAt !== undefined);
  const fed = reports.filter((trace) => trace.feedReadAt !== undefined);
  const endToEnd = [...between(fed, (trace) => trace.acceptedAt, (trace) => trace.feedReadAt), ...new Array<number>(reports.length - fed.length).fill(Infinity)];
  return {
    reports: reports.length,
    fed: fed.length,
    notFed: reports.length - fed.length,
    complaintsOpened: reports.filter((trace) => trace.caseOpenedTs !== undefined).length,
    endToEnd: stage(endToEnd),
    stages: {
      intakeAnswer: stage(between(reports, (trace) => trace.sentAt, (trace) => trace.acceptedAt)),
      membership: stage(between(reports, (trace) => trace.receivedTs, (trace) => trace.attributedTs)),
      reportingFeed: stage(between(reports, (trace) => trace.attributedTs, (trace) => trace.feedTs)),
      grievanceCase: stage(between(reports, (trace) => trace.attributedTs, (trace) => trace.caseOpenedTs)),
      feedToReader: stage(between(reports, (trace) => trace.feedTs, (trace) => trace.feedReadAt)),
    },
  };
}

export interface StepVerdict {
  keptUp: boolean;
  /** Why not, in words; empty when it kept up. */
  reasons: string[];
}

export interface VerdictInput {
  figures: StepFigures;
  /** Messages the pacer sent (2xx or not), and of those answered 2xx. */
  sent: number;
  accepted: number;
  /** Messages whose send time passed while every connection was busy: intake could not take them in time. */
  missed: number;
  targetP99Ms: number;
}

/**
 * A step keeps up when intake took what was offered (no send missed, at most 0.5% not answered
 * 2xx — a provider would retry those, but a pipeline that refuses is not keeping up), every
 * accepted report reached the state feed, and the end-to-end p99 is under the target.
 */
export function verdict({ figures, sent, accepted, missed, targetP99Ms }: VerdictInput): StepVerdict {
  const reasons: string[] = [];
  if (missed > 0) reasons.push(`${missed} sends missed their time (every connection busy)`);
  const refused = sent - accepted;
  if (refused > sent * 0.005) reasons.push(`${refused} of ${sent} messages not answered 2xx`);
  if (figures.notFed > 0) reasons.push(`${figures.notFed} accepted reports not on the state feed by the drain deadline`);
  if (!(figures.endToEnd.p99 < targetP99Ms)) reasons.push(`end-to-end p99 ${formatMs(figures.endToEnd.p99)} ≥ ${targetP99Ms} ms`);
  if (figures.reports === 0) reasons.push('no report was accepted');
  return { keptUp: reasons.length === 0, reasons };
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return Number.isNaN(ms) ? '–' : '∞';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
