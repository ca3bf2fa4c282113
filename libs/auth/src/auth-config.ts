import { z } from 'zod';
import { JwtVerifier } from './jwt-verifier';

const pem = z
  .string()
  .transform((value) => value.replace(/\\n/g, '\n'))
  .refine((value) => /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.test(value), 'a PEM public key (-----BEGIN PUBLIC KEY-----)')
  .optional();

/**
 * The variables of services whose API office-bearers and HQ call with a JWT from the party's
 * identity provider. Without a key the API answers 503: `npm start` runs without one.
 */
export const authConfigSchema = z
  .object({
    AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    AUTH_JWT_PUBLIC_KEY: pem,
    AUTH_JWT_ISSUER: z.string().min(1).optional(),
    AUTH_JWT_AUDIENCE: z.string().min(1).default('connect-center'),
  })
  .superRefine((config, context) => {
    if (config.AUTH_JWT_SECRET && config.AUTH_JWT_PUBLIC_KEY) {
      context.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'set AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY, not both' });
    }
    if ((config.AUTH_JWT_SECRET || config.AUTH_JWT_PUBLIC_KEY) && !config.AUTH_JWT_ISSUER) {
      context.addIssue({ code: 'custom', path: ['AUTH_JWT_ISSUER'], message: 'required with AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY: the issuer whose tokens to accept' });
    }
  });

export type AuthConfig = z.output<typeof authConfigSchema>;

/** The verifier for these variables, or undefined when none is configured. */
export function jwtVerifierFrom(config: AuthConfig): JwtVerifier | undefined {
  if (!config.AUTH_JWT_ISSUER || !(config.AUTH_JWT_SECRET || config.AUTH_JWT_PUBLIC_KEY)) return undefined;
  return new JwtVerifier({ secret: config.AUTH_JWT_SECRET, publicKeyPem: config.AUTH_JWT_PUBLIC_KEY, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE });
}
