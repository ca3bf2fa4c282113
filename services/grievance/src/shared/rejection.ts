/**
 * An expected failure: a stable code that callers branch on, log and count, and a reason a person
 * can act on. Reasons never carry a phone number or a reporter's identity.
 */
export interface Rejection<C extends string = string> {
  ok: false;
  code: C;
  reason: string;
}

export function reject<C extends string>(code: C, reason: string): Rejection<C> {
  return { ok: false, code, reason };
}
