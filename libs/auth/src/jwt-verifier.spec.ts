import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { bearerToken, JwtVerifier, TokenError } from './jwt-verifier';

const issuer = 'https://id.example.org';
const audience = 'connect-center-intake';
const secret = 'a-shared-secret-of-at-least-32-characters!';

function sign(key: Parameters<SignJWT['sign']>[0], alg: string, claims: Record<string, unknown> = {}, exp: string | number = '5m') {
  return new SignJWT({ scope: 'reports:write', ...claims })
    .setProtectedHeader({ alg })
    .setSubject('party-app')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);
}

async function rejection(verifier: JwtVerifier, token: string): Promise<string> {
  const error = await verifier.verify(token).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenError);
  return (error as TokenError).reason;
}

describe('JwtVerifier', () => {
  const hmac = new JwtVerifier({ secret, issuer, audience });
  const hmacKey = new TextEncoder().encode(secret);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ec = new JwtVerifier({ publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer, audience });

  it('accepts a token signed with the shared secret and returns its claims', async () => {
    const claims = await hmac.verify(await sign(hmacKey, 'HS256'));
    expect(claims).toMatchObject({ sub: 'party-app', scope: 'reports:write' });
  });

  it('accepts an ES256 token verified with the public key', async () => {
    await expect(ec.verify(await sign(privateKey, 'ES256'))).resolves.toMatchObject({ sub: 'party-app' });
  });

  it('refuses expired, foreign-issuer and foreign-audience tokens, each with its reason', async () => {
    expect(await rejection(hmac, await sign(hmacKey, 'HS256', {}, Math.floor(Date.now() / 1000) - 3600))).toBe('expired');
    const other = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('https://evil.example').setAudience(audience).setExpirationTime('5m').sign(hmacKey);
    expect(await rejection(hmac, other)).toBe('wrong-issuer');
    const elsewhere = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(issuer).setAudience('reporting').setExpirationTime('5m').sign(hmacKey);
    expect(await rejection(hmac, elsewhere)).toBe('wrong-audience');
  });

  it('refuses a token without an expiry: a leaked token must not live forever', async () => {
    const forever = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(issuer).setAudience(audience).sign(hmacKey);
    expect(await rejection(hmac, forever)).toBe('invalid');
  });

  it('refuses a tampered payload and another secret’s signature', async () => {
    const [header, , signature] = (await sign(hmacKey, 'HS256')).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'someone-else', iss: issuer, aud: audience, exp: 9999999999 })).toString('base64url');
    expect(await rejection(hmac, `${header}.${forged}.${signature}`)).toBe('bad-signature');
    expect(await rejection(hmac, await sign(new TextEncoder().encode('another-secret-of-at-least-32-chars!!'), 'HS256'))).toBe('bad-signature');
  });

  it('refuses alg "none" and an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', iss: issuer, aud: audience, exp: 9999999999 })).toString('base64url')}.`;
    expect(await rejection(ec, unsigned)).toBe("bad-signature");
    const confused = await sign(new TextEncoder().encode(publicKey.export({ type: 'spki', format: 'pem' }).toString()), 'HS256');
    expect(await rejection(ec, confused)).toBe('bad-signature');
  });

  it('calls a token that is no JWT malformed', async () => {
    expect(await rejection(hmac, 'not-a-jwt')).toBe('malformed');
  });
});

describe('bearerToken', () => {
  it('takes the token of a Bearer header and nothing else', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
  });
});
