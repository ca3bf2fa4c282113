import type { CsvSource } from '../../csv/csv-stream';
import type { OrgTree } from '../../organisation/org-tree';
import { ImportSummaryBuilder, type ImportSummary } from './import-summary';
import { openMemberCsv } from './member-csv';
import type { MemberRowOptions } from './member-row';
import type { MemberSink } from './member-sink';
import type { MemberUpsertCommand } from './member-upsert';

export interface MemberImportOptions extends MemberRowOptions {
  /** Commands per `upsertBatch`: one round trip to the store each. */
  batchSize?: number;
  maxErrorsKept?: number;
}

export const DEFAULT_BATCH_SIZE = 500;

/** The sink failed: the import stopped. `summary` counts what was applied before; re-running is safe. */
export class MemberImportAbortedError extends Error {
  constructor(
    readonly summary: ImportSummary,
    cause: unknown,
  ) {
    super(`the member import stopped after ${summary.rowsRead} rows: the store failed`, { cause });
    this.name = MemberImportAbortedError.name;
  }
}

/**
 * Imports an onboarding CSV into a sink, streaming: it reads a batch of rows, waits for the sink
 * to apply it, then reads on, so memory holds one batch however long the file. Good rows go in,
 * bad ones are reported with their lines. Idempotent with an idempotent sink: a second run of the
 * same file updates every member the first created.
 */
export async function importMembers(
  source: CsvSource,
  tree: OrgTree,
  sink: MemberSink,
  options: MemberImportOptions = {},
): Promise<ImportSummary> {
  const summary = new ImportSummaryBuilder(options.maxErrorsKept);
  const opened = await openMemberCsv(source, tree, options);
  if (!opened.ok) return summary.fileRejected(opened);
  summary.ignoring(opened.csv.ignoredColumns);

  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let batch: MemberUpsertCommand[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const commands = batch;
    batch = [];
    try {
      summary.batchApplied(await sink.upsertBatch(commands));
    } catch (error) {
      throw new MemberImportAbortedError(summary.build(), error);
    }
  };

  // Leaving the loop early (the sink threw) returns the generator, which closes the stream.
  for await (const row of opened.csv.rows) {
    summary.rowRead();
    if (!row.ok) {
      summary.rowRejected(row);
      continue;
    }
    batch.push(row.command);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary.build();
}
