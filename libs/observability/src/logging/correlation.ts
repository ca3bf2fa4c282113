import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ correlationId: string; traceparent?: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** A caller-supplied id is kept only when it is short and harmless in a log line or header. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function acceptOrCreateCorrelationId(candidate: unknown): string {
  return typeof candidate === 'string' && ACCEPTABLE_ID.test(candidate) ? candidate : randomUUID();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function currentTraceparent(): string | undefined {
  return storage.getStore()?.traceparent;
}

/**
 * Work started from a request, a Kafka message or a timer carries the correlation id on every log
 * line, and its trace context onto every event it publishes.
 */
export function runWithCorrelationId<T>(correlationId: string, work: () => T, traceparent?: string): T {
  return storage.run({ correlationId, traceparent }, work);
}

/** For callback-style hooks: continues the chain (`done`) inside the correlation scope. */
export function withCorrelationId(correlationId: string, next: () => void): void {
  storage.run({ correlationId }, next);
}
