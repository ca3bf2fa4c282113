import { ForbiddenException, Inject, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { bearerToken, integratorForKey, JwtVerifier, TokenError } from '@cc/auth';
import { SERVICE_CONFIG } from '@cc/config';
import type { IntakeConfig } from '../config/intake.config';

/** The scope an integrator's JWT must grant to submit reports. */
export const REPORTS_WRITE_SCOPE = 'reports:write';

const INTEGRATOR = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface CallerCredentials {
  authorization?: string;
  apiKey?: string;
}

/**
 * Who is submitting: an integrator presenting its API key (`X-API-Key`), or a JWT from the party's
 * identity provider (`Authorization: Bearer`) whose subject names the integrator and whose scope
 * grants `reports:write`. Credentials are never logged; failures say what was wrong, not what was sent.
 */
@Injectable()
export class AppAuthenticator {
  private readonly jwt?: JwtVerifier;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IntakeConfig) {
    const key = { secret: config.APP_JWT_SECRET, publicKeyPem: config.APP_JWT_PUBLIC_KEY };
    if ((key.secret || key.publicKeyPem) && config.APP_JWT_ISSUER) {
      this.jwt = new JwtVerifier({ ...key, issuer: config.APP_JWT_ISSUER, audience: config.APP_JWT_AUDIENCE });
    }
  }

  /** The integrator's name; throws 401/403 (or 503 when no credential is configured at all). */
  async integrator(credentials: CallerCredentials): Promise<string> {
    if (!this.jwt && this.config.APP_API_KEYS.length === 0) {
      throw new ServiceUnavailableException({
        code: 'INTAKE.CHANNEL_NOT_CONFIGURED',
        message: 'the app channel needs APP_API_KEYS or APP_JWT_SECRET / APP_JWT_PUBLIC_KEY',
      });
    }
    if (credentials.apiKey !== undefined) return this.byApiKey(credentials.apiKey);
    const token = bearerToken(credentials.authorization);
    if (token !== undefined) return this.byToken(token);
    throw unauthorized('INTAKE.UNAUTHENTICATED', 'send an X-API-Key header or an Authorization: Bearer token');
  }

  private byApiKey(presented: string): string {
    const integrator = integratorForKey(this.config.APP_API_KEYS, presented);
    if (!integrator) throw unauthorized('INTAKE.BAD_API_KEY', 'the API key is not valid');
    return integrator;
  }

  private async byToken(token: string): Promise<string> {
    if (!this.jwt) throw unauthorized('INTAKE.BAD_TOKEN', 'this deployment does not accept tokens; use an API key');
    const claims = await this.jwt.verify(token).catch((error: unknown) => {
      if (error instanceof TokenError) throw unauthorized(`INTAKE.TOKEN_${error.reason.toUpperCase().replaceAll('-', '_')}`, error.message);
      throw error;
    });
    if (!scopesOf(claims).includes(REPORTS_WRITE_SCOPE)) {
      throw new ForbiddenException({ code: 'INTAKE.SCOPE_MISSING', message: `the token does not grant ${REPORTS_WRITE_SCOPE}` });
    }
    if (!claims.sub || !INTEGRATOR.test(claims.sub)) {
      throw unauthorized('INTAKE.TOKEN_INVALID', 'the token subject must name the integrator (lower-case letters, digits, dashes)');
    }
    return claims.sub;
  }
}

/** OAuth 2 puts scopes in `scope` (space-separated); some IdPs use an `scp` array. */
function scopesOf(claims: Record<string, unknown>): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ');
  if (Array.isArray(claims.scp)) return claims.scp.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

function unauthorized(code: string, message: string): UnauthorizedException {
  return new UnauthorizedException({ code, message });
}
