import { randomBytes } from 'node:crypto';

/** W3C Trace Context `traceparent`: version-traceid-parentid-flags. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isTraceparent(value: unknown): value is string {
  const match = typeof value === 'string' ? TRACEPARENT.exec(value) : null;
  return match !== null && !/^0+$/.test(match[1]!) && !/^0+$/.test(match[2]!);
}

/**
 * The traceparent for a new span: in the caller's trace when there is one (same trace id, new
 * span id, same flags), otherwise a new sampled trace. Trace backends join the hops by trace id.
 */
export function childTraceparent(parent?: string): string {
  const span = randomBytes(8).toString('hex');
  if (isTraceparent(parent)) {
    const [, traceId, , flags] = TRACEPARENT.exec(parent)!;
    return `00-${traceId}-${span}-${flags}`;
  }
  return `00-${randomBytes(16).toString('hex')}-${span}-01`;
}
