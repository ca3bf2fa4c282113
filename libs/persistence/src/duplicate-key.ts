/** MongoDB's duplicate-key error: a unique index (or `_id`) already holds the value. */
export const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: unknown }).code === DUPLICATE_KEY;
}

/**
 * After an unordered `insertMany`: the positions that failed only because their document is
 * already there, which for an idempotent insert means "done before". Any other failure is
 * rethrown, so a real problem is never mistaken for a duplicate.
 */
export function duplicateIndexes(error: unknown): Set<number> {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const errors = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as Array<{ index: number; code?: number }>;
  if (errors.length === 0 || errors.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
  return new Set(errors.map((writeError) => writeError.index));
}
