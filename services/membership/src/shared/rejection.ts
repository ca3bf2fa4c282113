/**
 * An expected failure: a stable code that callers branch on, log and count, and a reason a person
 * can act on. Reasons never carry a phone number (see `maskPhone`).
 */
export interface Rejection<C extends string = string> {
  ok: false;
  code: C;
  reason: string;
}

/** A rejection of one line of a file, so that the person who wrote the file can find it. */
export interface LineRejection<C extends string = string> extends Rejection<C> {
  line: number;
}

export function reject<C extends string>(code: C, reason: string): Rejection<C> {
  return { ok: false, code, reason };
}

export function rejectLine<C extends string>(line: number, code: C, reason: string): LineRejection<C> {
  return { ok: false, code, reason, line };
}
