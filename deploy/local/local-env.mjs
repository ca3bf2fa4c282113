// LOCAL DEVELOPMENT ONLY. The credentials every service needs to run with all its features on a
// developer machine (`npm start`, the channel simulator, integration tests that want the same
// set-up). Every value is public — it is in this file — and spelled `local-dev-only-…` so that it
// cannot be mistaken for a real one. Production credentials come from a Kubernetes Secret (see the
// Helm chart); these are refused whenever NODE_ENV is production.
//
//   localServiceEnv(service, { intakeUrl })  -> the variables that service needs locally
//   localSecrets()                           -> the shared secrets (the simulator signs with them)
//   mintLocalToken({ unit, roles, ... })     -> an HS256 JWT the services' APIs accept locally
//
// Plain ESM, no npm dependency at import time (jose is loaded only to mint a token).

/** Names the party's channel numbers for the local profile; membership places unknown senders on them in Jharkhand. */
export const LOCAL_CHANNEL_ENDPOINTS = Object.freeze({
  whatsappPhoneNumberId: '100000000000001',
  whatsappDisplayNumber: '916512000001',
  twilioAccountSid: 'AC00000000000000000000000000000001',
  twilioNumber: '+916512000002',
  gupshupLongCode: '916512000003',
  state: 'JH',
});

/** The integrator whose API key the local profile configures (`APP_API_KEYS`). */
export const LOCAL_APP_INTEGRATOR = 'party-app';

const SECRETS = Object.freeze({
  WHATSAPP_APP_SECRET: 'local-dev-only-whatsapp-app-secret',
  WHATSAPP_VERIFY_TOKEN: 'local-dev-only-whatsapp-verify-token',
  TWILIO_AUTH_TOKEN: 'local-dev-only-twilio-auth-token',
  GUPSHUP_TOKEN: 'local-dev-only-gupshup-token',
  APP_API_KEY: 'local-dev-only-party-app-api-key-not-for-production',
  AUTH_JWT_SECRET: 'local-dev-only-auth-jwt-secret-not-for-production',
  AUTH_JWT_ISSUER: 'https://id.connect-center.local.invalid',
  AUTH_JWT_AUDIENCE: 'connect-center',
  SENDER_KEY_SECRET: 'local-dev-only-sender-key-secret-not-for-production',
});

export class LocalEnvError extends Error {}

function refuseProduction(env) {
  if (env.NODE_ENV === 'production') {
    throw new LocalEnvError(
      'NODE_ENV is production: the local development credentials (deploy/local/local-env.mjs) are public and never used in production; unset NODE_ENV or give real credentials',
    );
  }
}

/** The shared local secrets, for clients that must sign or authenticate like a provider would. */
export function localSecrets(env = process.env) {
  refuseProduction(env);
  return { ...SECRETS };
}

/**
 * The variables `service` needs locally, for `{ ...localServiceEnv(name), ...process.env }`: what
 * the caller already set wins. `intakeUrl` is where intake listens, which Twilio's signature covers.
 */
export function localServiceEnv(service, { intakeUrl = 'http://127.0.0.1:3001', env = process.env } = {}) {
  refuseProduction(env);
  const shared = { NODE_ENV: 'development', SENDER_KEY_SECRET: SECRETS.SENDER_KEY_SECRET };
  const api = { AUTH_JWT_SECRET: SECRETS.AUTH_JWT_SECRET, AUTH_JWT_ISSUER: SECRETS.AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE: SECRETS.AUTH_JWT_AUDIENCE };
  const channels = LOCAL_CHANNEL_ENDPOINTS;
  switch (service) {
    case 'intake':
      return {
        ...shared,
        WHATSAPP_APP_SECRET: SECRETS.WHATSAPP_APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: SECRETS.WHATSAPP_VERIFY_TOKEN,
        TWILIO_AUTH_TOKEN: SECRETS.TWILIO_AUTH_TOKEN,
        TWILIO_WEBHOOK_URL: `${intakeUrl.replace(/\/+$/, '')}/webhooks/sms/twilio`,
        GUPSHUP_TOKEN: SECRETS.GUPSHUP_TOKEN,
        APP_API_KEYS: `${LOCAL_APP_INTEGRATOR}:${SECRETS.APP_API_KEY}`,
      };
    case 'membership':
      return {
        ...shared,
        ...api,
        MEMBERSHIP_CHANNEL_STATES: [channels.whatsappPhoneNumberId, channels.whatsappDisplayNumber, channels.twilioNumber, channels.gupshupLongCode]
          .map((endpoint) => `${endpoint}=${channels.state}`)
          .join(','),
      };
    case 'grievance':
    case 'notification':
    case 'reporting':
      return { ...shared, ...api };
    default:
      throw new LocalEnvError(`no local profile for service "${service}"`);
  }
}

/**
 * A token for the services' APIs, signed with the local AUTH_JWT_SECRET (HS256, audience
 * `connect-center`) — what the party's identity provider would issue. Default: an AICC admin.
 */
export async function mintLocalToken({ unit = 'IN', roles = ['aicc-admin'], subject = 'local-aicc-admin', expiresIn = '12h', env = process.env } = {}) {
  refuseProduction(env);
  const secret = env.AUTH_JWT_SECRET || SECRETS.AUTH_JWT_SECRET;
  const issuer = env.AUTH_JWT_ISSUER || SECRETS.AUTH_JWT_ISSUER;
  const audience = env.AUTH_JWT_AUDIENCE || SECRETS.AUTH_JWT_AUDIENCE;
  const { SignJWT } = await import('jose');
  return new SignJWT({ unit, roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(Buffer.from(secret, 'utf8'));
}
