import type { LineRejection } from '../../shared/rejection';
import type { MemberUpsertCommand } from './member-upsert';

export interface SinkResult {
  created: number;
  updated: number;
  /** Rows only the store can refuse (a phone that belongs to another member); with their lines. */
  rejected?: LineRejection[];
}

/**
 * Where an import writes: the store plugs in here. A batch is applied before the import reads
 * more of the file, so a slow store slows the reading instead of filling memory. Must be
 * idempotent: decide each command with `decideUpsert`, so a batch applied twice (a retry after a
 * crash) updates what the first attempt created. Every command ends up created, updated or
 * rejected. Throwing aborts the import; re-running it is safe.
 */
export interface MemberSink {
  upsertBatch(commands: readonly MemberUpsertCommand[]): Promise<SinkResult>;
}
