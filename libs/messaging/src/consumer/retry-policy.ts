/**
 * Exponential back-off with full jitter (delay drawn uniformly from [0, min(cap, base·2^attempt)]),
 * so that replicas hit by the same outage do not retry in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoWriteConcernError',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
]);

// FerretDB answers with its backend's error text (code 1, InternalError). SQLite: writers it kept
// waiting. PostgreSQL (deploy/local's default): FerretDB cannot reach it (pgx "failed to connect
// to `…`"), or a transient SQLSTATE: 08xxx connection exception, 40001 serialization failure,
// 40P01 deadlock, 53300 too many connections, 57P01-57P03 shutdown / not yet accepting connections.
const STORE_BUSY = /\bSQLITE_BUSY\b|database is locked|failed to connect to `|\(SQLSTATE (?:08\w{3}|40001|40P01|53300|57P0[123])\)/;

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * An outage of the store or the broker: the same message will succeed later, so it is retried
 * until it does (or the consumer stops), never dead-lettered. Everything else is presumed to be
 * about the message itself and, after a few attempts, isolates and dead-letters it.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const withMeta = error as Error & { code?: unknown; retriable?: unknown; errorLabels?: unknown };
  if (TRANSIENT_NAMES.has(error.name)) return true;
  if (typeof withMeta.code === 'string' && TRANSIENT_CODES.has(withMeta.code)) return true;
  if (withMeta.retriable === true) return true;
  // FerretDB's backend busy or unreachable (see STORE_BUSY): load or an outage, not the message.
  if (STORE_BUSY.test(error.message)) return true;
  if (error.cause !== undefined && error.cause !== error) return isTransient(error.cause);
  return false;
}

/**
 * A handler's verdict that an event can never be applied (it is valid against its schema but not
 * acceptable, e.g. a phone number that is no number): dead-lettered at once with this message as
 * the reason, without the retries that are there for errors whose cause is unknown.
 */
export class UnprocessableEventError extends Error {
  readonly permanent = true;

  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEventError';
  }
}

export function isPermanent(error: unknown): boolean {
  return error instanceof Error && (error as Error & { permanent?: unknown }).permanent === true;
}

/**
 * Runs `operation` again while it fails with an outage-like error (see {@link isTransient}), up to
 * `attempts` times with back-off; other errors, and the last failure, are thrown.
 */
export async function retryTransient<T>(operation: () => Promise<T>, attempts = 8, baseMs = 200, capMs = 5000): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransient(error) || attempt + 1 >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.max(baseMs, backoffDelay(attempt, baseMs, capMs))));
    }
  }
}
