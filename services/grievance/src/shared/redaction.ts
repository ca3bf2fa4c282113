// Moved to libs/identity so that reporting's HQ feeds redact free text with the same rule.
export { hasPhoneLike, REDACTED_NUMBER, redactPhoneLike } from '@cc/identity';
