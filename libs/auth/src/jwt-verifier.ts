import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';

/** Why a token was refused. Stable codes for clients; the token itself is never echoed or logged. */
export type TokenRejection = 'missing' | 'malformed' | 'expired' | 'not-yet-valid' | 'bad-signature' | 'wrong-issuer' | 'wrong-audience' | 'invalid';

export class TokenError extends Error {
  constructor(
    readonly reason: TokenRejection,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface JwtVerifierOptions {
  /** PEM SubjectPublicKeyInfo of an RSA or EC key: tokens signed elsewhere (the IdP), verified here. */
  publicKeyPem?: string;
  /** Shared HMAC secret, for deployments without an IdP. */
  secret?: string;
  issuer: string;
  audience: string;
  /** Leeway for clocks that disagree by a little. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies signed JWTs against one key. The accepted algorithms follow from the key's type, so a
 * token cannot choose its own (`alg: none`, or HS256 signed with a public key taken as a secret).
 */
export class JwtVerifier {
  private readonly key: KeyObject;
  private readonly algorithms: string[];

  constructor(private readonly options: JwtVerifierOptions) {
    if (options.publicKeyPem) {
      this.key = createPublicKey(options.publicKeyPem);
      this.algorithms = this.key.asymmetricKeyType === 'ec' ? ['ES256', 'ES384', 'ES512'] : ['RS256', 'RS384', 'RS512', 'PS256'];
    } else if (options.secret) {
      this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
      this.algorithms = ['HS256', 'HS384', 'HS512'];
    } else {
      throw new Error('JwtVerifier needs a public key or a secret');
    }
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.algorithms,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch (error) {
      throw tokenError(error);
    }
  }
}

function tokenError(error: unknown): TokenError {
  if (error instanceof errors.JWTExpired) return new TokenError('expired', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new TokenError('wrong-issuer', 'the token was issued by someone else');
    if (error.claim === 'aud') return new TokenError('wrong-audience', 'the token is meant for another audience');
    if (error.claim === 'nbf' || error.claim === 'iat') return new TokenError('not-yet-valid', 'the token is not valid yet');
    return new TokenError('invalid', `the token's "${error.claim}" claim is missing or invalid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenError('bad-signature', 'the token signature does not verify');
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenError('bad-signature', 'the token is signed with an algorithm this service does not accept');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return new TokenError('malformed', 'the token is not a well-formed JWT');
  return new TokenError('invalid', 'the token could not be verified');
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
