import { z } from 'zod';
import type { UnitLevel } from '@cc/contracts';
import type { JwtVerifier } from './jwt-verifier';
import { TokenError } from './jwt-verifier';

/**
 * What an office-bearer's or HQ user's token says: who (`sub`, their member id when they are a
 * member), the unit they act for, and their roles there. Each service decides from its own copy of
 * the organisation what that unit's subtree is; the token only says where the caller stands.
 */
export const Roles = ['aicc-admin', 'state-hq', 'office-bearer'] as const;
export type Role = (typeof Roles)[number];

/**
 * The levels each role is held at: a role claimed for a unit of another level grants nothing (an
 * "AICC admin" acting for a district is a forged or mistaken token, not a superuser).
 */
export const ROLE_LEVELS = {
  'aicc-admin': ['national'],
  'state-hq': ['state'],
  'office-bearer': ['state', 'district', 'block', 'panchayat'],
} as const satisfies Record<Role, readonly UnitLevel[]>;

export interface Principal {
  subject: string;
  memberId?: string;
  unitCode: string;
  roles: readonly Role[];
  /** Extra permissions, e.g. `reporter-identity:unmask`. */
  scopes: readonly string[];
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  unit: z.string().regex(/^[A-Z0-9][A-Z0-9._-]{1,31}$/),
  roles: z.array(z.enum(Roles)).min(1).max(5),
  member_id: z.string().min(1).max(128).optional(),
  scope: z.string().max(1024).optional(),
});

/** Verifies a bearer token and reads the principal from it; a token without unit or roles grants nothing. */
export async function principalFrom(verifier: JwtVerifier, token: string): Promise<Principal> {
  const claims = claimsSchema.safeParse(await verifier.verify(token));
  if (!claims.success) {
    throw new TokenError('invalid', `the token does not say who the caller is: ${claims.error.issues.map((issue) => issue.path.join('.') || 'claims').join(', ')} missing or invalid`);
  }
  const { sub, unit, roles, member_id: memberId, scope } = claims.data;
  return { subject: sub, unitCode: unit, roles, ...(memberId ? { memberId } : {}), scopes: scope ? scope.split(' ') : [] };
}
