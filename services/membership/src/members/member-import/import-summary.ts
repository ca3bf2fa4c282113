import type { LineRejection } from '../../shared/rejection';
import type { SinkResult } from './member-sink';

/**
 * What an import did. Every data row read ends up created, updated or rejected:
 * `rowsRead === created + updated + rejected` once the import is over.
 */
export interface ImportSummary {
  /** `file-rejected`: the header was unusable and no row was read. */
  status: 'completed' | 'file-rejected';
  rowsRead: number;
  /** Applied by the store: created + updated. */
  accepted: number;
  created: number;
  updated: number;
  rejected: number;
  /** The first errors, by line; the rest are only counted, so a file of bad rows cannot fill memory. */
  errors: LineRejection[];
  errorsNotKept: number;
  ignoredColumns: string[];
}

export const DEFAULT_MAX_ERRORS_KEPT = 100;

export class ImportSummaryBuilder {
  private readonly summary: ImportSummary = {
    status: 'completed',
    rowsRead: 0,
    accepted: 0,
    created: 0,
    updated: 0,
    rejected: 0,
    errors: [],
    errorsNotKept: 0,
    ignoredColumns: [],
  };

  constructor(private readonly maxErrorsKept = DEFAULT_MAX_ERRORS_KEPT) {}

  ignoring(columns: readonly string[]): this {
    this.summary.ignoredColumns = [...columns];
    return this;
  }

  rowRead(): void {
    this.summary.rowsRead += 1;
  }

  rowRejected(error: LineRejection): void {
    this.summary.rejected += 1;
    if (this.summary.errors.length < this.maxErrorsKept) this.summary.errors.push(error);
    else this.summary.errorsNotKept += 1;
  }

  batchApplied(result: SinkResult): void {
    this.summary.created += result.created;
    this.summary.updated += result.updated;
    this.summary.accepted += result.created + result.updated;
    for (const error of result.rejected ?? []) this.rowRejected(error);
  }

  fileRejected(error: LineRejection): ImportSummary {
    this.summary.status = 'file-rejected';
    this.summary.errors = [error];
    return this.build();
  }

  build(): ImportSummary {
    const errors = [...this.summary.errors].sort((a, b) => a.line - b.line);
    return { ...this.summary, errors, ignoredColumns: [...this.summary.ignoredColumns] };
  }
}
