import { SignJWT } from 'jose';
import { JwtVerifier, TokenError } from './jwt-verifier';
import { principalFrom } from './principal';

const secret = 'principal-secret-0123456789abcdefghij';
const verifier = new JwtVerifier({ secret, issuer: 'https://id.example', audience: 'connect-center' });
const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u-1').setIssuer('https://id.example').setAudience('connect-center').setExpirationTime('5m').sign(new TextEncoder().encode(secret));

describe('principalFrom', () => {
  it('reads the unit, roles, member id and scopes of a token', async () => {
    const principal = await principalFrom(verifier, await sign({ unit: 'JH-RAN', roles: ['office-bearer'], member_id: 'mbr_x', scope: 'cases:read reporter-identity:unmask' }));
    expect(principal).toEqual({ subject: 'u-1', unitCode: 'JH-RAN', roles: ['office-bearer'], memberId: 'mbr_x', scopes: ['cases:read', 'reporter-identity:unmask'] });
  });

  it.each([
    ['no unit', { roles: ['state-hq'] }],
    ['no roles', { unit: 'JH' }],
    ['an unknown role', { unit: 'JH', roles: ['superuser'] }],
    ['a unit that is no code', { unit: 'jh ran', roles: ['state-hq'] }],
  ])('grants nothing to a token with %s', async (_case, claims) => {
    await expect(principalFrom(verifier, await sign(claims))).rejects.toBeInstanceOf(TokenError);
  });
});
