import { DlqError } from './errors';

/** The broker's default `offset.metadata.max.bytes`: a larger commit is refused. */
export const MAX_LEDGER_METADATA_LENGTH = 4096;

/** Offsets first..last, inclusive. */
type Range = readonly [first: number, last: number];

/** What a consumer group commit for one DLQ partition holds: the offset and its metadata string. */
export interface LedgerCommit {
  readonly offset: string;
  readonly metadata: string;
}

/**
 * Which dead letters of one DLQ partition have been replayed, kept as the commit of the replay
 * consumer group: the committed offset says "every offset below this one is done" (as for any
 * consumer, so `kafka-consumer-groups --describe` shows what is left), and the commit's metadata
 * lists the replayed offsets above it as ranges (`7,9-12`), since an operator may replay one dead
 * letter out of order. Offsets below the partition's low watermark are gone and count as done.
 */
export class ReplayLedger {
  private constructor(
    /** Every offset below this one is done. */
    readonly next: number,
    /** Sorted, disjoint, not adjacent, all above `next`. */
    private readonly ranges: readonly Range[],
  ) {}

  /** `commit.offset` is -1 when the group has no commit for the partition. */
  static decode(commit: { offset: string; metadata: string | null }, lowWatermark: number): ReplayLedger {
    const committed = Number(commit.offset);
    const next = Math.max(Number.isSafeInteger(committed) ? committed : -1, lowWatermark);
    return ReplayLedger.normalised(next, parseRanges(commit.metadata ?? ''));
  }

  static empty(lowWatermark: number): ReplayLedger {
    return new ReplayLedger(lowWatermark, []);
  }

  has(offset: number): boolean {
    return offset < this.next || this.ranges.some(([first, last]) => first <= offset && offset <= last);
  }

  with(offset: number): ReplayLedger {
    return this.has(offset) ? this : ReplayLedger.normalised(this.next, [...this.ranges, [offset, offset]]);
  }

  /** The highest offset recorded, or next - 1. */
  get last(): number {
    return this.ranges.length === 0 ? this.next - 1 : this.ranges[this.ranges.length - 1][1];
  }

  encode(): LedgerCommit {
    const metadata = this.ranges.map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`)).join(',');
    return { offset: String(this.next), metadata };
  }

  private static normalised(next: number, ranges: readonly Range[]): ReplayLedger {
    const merged: Array<[number, number]> = [];
    for (const [first, last] of [...ranges].sort((a, b) => a[0] - b[0])) {
      const previous = merged[merged.length - 1];
      if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
      else merged.push([first, last]);
    }
    let done = next;
    const above: Range[] = [];
    for (const [first, last] of merged) {
      if (last < done) continue;
      if (first <= done) done = last + 1;
      else above.push([first, last]);
    }
    return new ReplayLedger(done, above);
  }
}

function parseRanges(metadata: string): Range[] {
  if (metadata === '') return [];
  return metadata.split(',').map((part) => {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    const first = Number(match?.[1]);
    const last = Number(match?.[2] ?? match?.[1]);
    if (!match || !Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first > last) {
      throw new DlqError(
        'DLQ.LEDGER_UNREADABLE',
        `the replay ledger's metadata is not a list of offset ranges: "${metadata.slice(0, 200)}"`,
      );
    }
    return [first, last] as const;
  });
}
