/** Who is calling: signed JWTs and per-integrator API keys, verified at the HTTP edge. */
export { bearerToken, JwtVerifier, type JwtVerifierOptions, TokenError, type TokenRejection } from './jwt-verifier';
export { type ApiKeyEntry, integratorForKey, MIN_API_KEY_LENGTH, parseApiKeys } from './api-keys';
export { type Principal, principalFrom, type Role, ROLE_LEVELS, Roles } from './principal';
export { type AuthConfig, authConfigSchema, jwtVerifierFrom } from './auth-config';
export { CurrentPrincipal, PrincipalGuard } from './principal.guard';
