import type { PostKind } from './post-kind';

/** One member holding one post of one committee over a period: the history is the list of these. */
export interface Tenure {
  readonly id: string;
  readonly unitCode: string;
  readonly post: PostKind;
  readonly memberId: string;
  readonly from: Date;
  /**
   * The first instant the post is no longer held (exclusive), so a successor can start at the
   * same instant. Absent while the post is held.
   */
  readonly to?: Date;
}

export function isHeldAt(tenure: Pick<Tenure, 'from' | 'to'>, at: Date): boolean {
  return tenure.from.getTime() <= at.getTime() && (tenure.to === undefined || at.getTime() < tenure.to.getTime());
}

export function overlaps(a: Pick<Tenure, 'from' | 'to'>, b: Pick<Tenure, 'from' | 'to'>): boolean {
  const aEnd = a.to?.getTime() ?? Infinity;
  const bEnd = b.to?.getTime() ?? Infinity;
  return a.from.getTime() < bEnd && b.from.getTime() < aEnd;
}
