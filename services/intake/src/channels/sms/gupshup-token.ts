import { constantTimeEqual } from '../constant-time';

/**
 * Gupshup signs nothing: the callback URL carries a secret token (path or query), checked here in
 * constant time. An unset expected token never matches, so a missing secret fails closed.
 */
export function verifyGupshupToken(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || expected.length === 0) return false;
  return constantTimeEqual(presented, expected);
}
