export interface GroupCommitOptions {
  /** Items per commit at most. */
  maxBatch: number;
  /** Commits in flight at once; later items wait in the queue for a free one. */
  maxConcurrent: number;
}

/** The fate of one item of a commit: the commit answers for each item, in order. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while every commit slot is busy queue up, and the first slot to
 * free takes the whole queue (up to `maxBatch`) as one commit. An item submitted to an idle
 * committer is committed at once, alone, so batching adds no latency at low load and grows with
 * the load. `commit` settles each item on its own (one failed item fails only its caller); when
 * `commit` itself throws, every item of that commit fails with the error.
 */
export class GroupCommit<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private running = 0;
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly commit: (items: readonly I[]) => Promise<ReadonlyArray<Settled<O>>>,
    private readonly options: GroupCommitOptions,
  ) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) throw new Error(`maxBatch must be a whole number >= 1 (got ${options.maxBatch})`);
    if (!Number.isInteger(options.maxConcurrent) || options.maxConcurrent < 1) {
      throw new Error(`maxConcurrent must be a whole number >= 1 (got ${options.maxConcurrent})`);
    }
  }

  submit(item: I): Promise<O> {
    const settled = new Promise<O>((resolve, reject) => this.queue.push({ item, resolve, reject }));
    this.pump();
    return settled;
  }

  /** Resolves once nothing is queued or being committed (at shutdown). */
  async drained(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running++;
      void this.run(batch);
    }
  }

  private async run(batch: Array<Waiting<I, O>>): Promise<void> {
    try {
      const results = await this.commit(batch.map(({ item }) => item));
      if (results.length !== batch.length) throw new Error(`a commit of ${batch.length} items answered for ${results.length}`);
      results.forEach((result, index) => (result.ok ? batch[index]!.resolve(result.value) : batch[index]!.reject(result.error)));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.running--;
      this.pump();
      if (this.running === 0 && this.queue.length === 0) this.idle.splice(0).forEach((wake) => wake());
    }
  }
}
