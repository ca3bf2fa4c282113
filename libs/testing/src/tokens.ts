import { SignJWT } from 'jose';

export interface PrincipalClaims {
  unit: string;
  roles: string[];
  memberId?: string;
  subject?: string;
  /** Space-separated OAuth scopes, e.g. `grievance:unmask`. */
  scope?: string;
}

/**
 * An office-bearer's or HQ user's token, as the party's identity provider would sign it for the
 * services' APIs (`AUTH_JWT_SECRET` / `AUTH_JWT_ISSUER`, audience `connect-center`), valid 5 minutes.
 */
export function principalToken(secret: string, issuer: string, { unit, roles, memberId, subject, scope }: PrincipalClaims): Promise<string> {
  return new SignJWT({ unit, roles, ...(memberId ? { member_id: memberId } : {}), ...(scope ? { scope } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject ?? memberId ?? `user-${unit}`)
    .setIssuer(issuer)
    .setAudience('connect-center')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}
