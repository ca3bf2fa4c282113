import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { SERVICE_CONFIG } from '@cc/config';
import { type AuthConfig, jwtVerifierFrom } from './auth-config';
import { bearerToken, type JwtVerifier, TokenError } from './jwt-verifier';
import { type Principal, principalFrom } from './principal';

const PRINCIPAL = Symbol('principal');

/**
 * Lets a request in only with a valid bearer token naming a unit and roles, and hands the
 * principal to the handler (`@CurrentPrincipal()`). Whether that principal may touch a given unit
 * is the service's decision, made against its own copy of the organisation.
 */
@Injectable()
export class PrincipalGuard implements CanActivate {
  private readonly verifier?: JwtVerifier;

  constructor(@Inject(SERVICE_CONFIG) config: AuthConfig) {
    this.verifier = jwtVerifierFrom(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.verifier) {
      throw new ServiceUnavailableException({ code: 'AUTH.NOT_CONFIGURED', message: 'this API needs AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY and AUTH_JWT_ISSUER' });
    }
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; [PRINCIPAL]?: Principal }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException({ code: 'AUTH.UNAUTHENTICATED', message: 'send an Authorization: Bearer token' });
    try {
      request[PRINCIPAL] = await principalFrom(this.verifier, token);
    } catch (error) {
      if (error instanceof TokenError) {
        throw new UnauthorizedException({ code: `AUTH.TOKEN_${error.reason.toUpperCase().replaceAll('-', '_')}`, message: error.message });
      }
      throw error;
    }
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ [PRINCIPAL]?: Principal }>()[PRINCIPAL];
  if (!principal) throw new Error('CurrentPrincipal used on a route without PrincipalGuard');
  return principal;
});
