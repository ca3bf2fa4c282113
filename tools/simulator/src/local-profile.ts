import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Geography } from './geography';
import type { Member } from './people';
import type { ChannelCredentials, ChannelEndpoints, TrafficOptions } from './traffic';

type Env = Record<string, string | undefined>;

/** deploy/local/local-env.mjs, the one place that holds the local development credentials. */
interface LocalEnvModule {
  LOCAL_CHANNEL_ENDPOINTS: ChannelEndpoints & { state: string };
  LOCAL_APP_INTEGRATOR: string;
  localSecrets(env?: Env): Record<'WHATSAPP_APP_SECRET' | 'TWILIO_AUTH_TOKEN' | 'GUPSHUP_TOKEN' | 'APP_API_KEY', string>;
  mintLocalToken(options?: { unit?: string; roles?: string[]; subject?: string; expiresIn?: string; env?: Env }): Promise<string>;
  LocalEnvError: new (...args: never[]) => Error;
}

export interface SimulatorProfile {
  credentials: ChannelCredentials;
  endpoints: ChannelEndpoints;
  senderBurst: number;
  senderPerMinute: number;
  /** An AICC admin's token for membership's API (the member import). */
  adminToken(): Promise<string>;
}

/** The traffic a simulator profile (credentials, endpoints, intake's sender limit) calls for. */
export function profileTraffic(
  profile: SimulatorProfile,
  settings: Pick<TrafficOptions, 'seed' | 'complaintShare' | 'retryShare'>,
  members: readonly Member[],
  geography: Geography,
): TrafficOptions {
  const { credentials, endpoints, senderBurst, senderPerMinute } = profile;
  const { seed, complaintShare, retryShare } = settings;
  return { seed, members, geography, credentials, endpoints, complaintShare, retryShare, senderBurst, senderPerMinute };
}

/** A problem with the credentials, told to the user in one line. */
export class ProfileError extends Error {}

const LOCAL_ENV = join('deploy', 'local', 'local-env.mjs');

function localEnvPath(from: string): string {
  for (let dir = from; dir !== parse(dir).root; dir = dirname(dir)) {
    const candidate = join(dir, LOCAL_ENV);
    if (existsSync(candidate)) return candidate;
  }
  throw new ProfileError(`${LOCAL_ENV} not found above ${from}`);
}

async function loadLocalEnv(): Promise<LocalEnvModule> {
  // A real dynamic import (the build is CommonJS, and so are the tests under swc).
  const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<LocalEnvModule>;
  return importEsm(pathToFileURL(localEnvPath(__dirname)).href);
}

/**
 * What the simulator signs and authenticates with: each variable the services read, when set,
 * else the local development profile's value (as `npm start` gives the services).
 */
export async function resolveProfile(env: Env, intakeUrl: string): Promise<SimulatorProfile> {
  const local = await loadLocalEnv();
  let secrets: ReturnType<LocalEnvModule['localSecrets']>;
  try {
    secrets = local.localSecrets(env);
  } catch (error) {
    if (error instanceof local.LocalEnvError) throw new ProfileError(error.message);
    throw error;
  }
  const [integrator, apiKey] = firstApiKey(env.APP_API_KEYS) ?? [local.LOCAL_APP_INTEGRATOR, secrets.APP_API_KEY];
  return {
    credentials: {
      whatsappAppSecret: env.WHATSAPP_APP_SECRET || secrets.WHATSAPP_APP_SECRET,
      twilioAuthToken: env.TWILIO_AUTH_TOKEN || secrets.TWILIO_AUTH_TOKEN,
      twilioWebhookUrl: env.TWILIO_WEBHOOK_URL || `${intakeUrl}/webhooks/sms/twilio`,
      gupshupToken: env.GUPSHUP_TOKEN || secrets.GUPSHUP_TOKEN,
      appIntegrator: integrator,
      appApiKey: apiKey,
    },
    endpoints: { ...local.LOCAL_CHANNEL_ENDPOINTS },
    senderBurst: positive(env.INTAKE_SENDER_BURST, 30),
    senderPerMinute: positive(env.INTAKE_SENDER_PER_MINUTE, 20),
    adminToken: () => local.mintLocalToken({ env, subject: 'channel-simulator', expiresIn: '1h' }),
  };
}

function firstApiKey(list: string | undefined): [string, string] | undefined {
  const first = list?.split(',')[0]?.trim();
  const match = first ? /^([a-z0-9][a-z0-9-]{1,62}):(.+)$/.exec(first) : null;
  return match ? [match[1]!, match[2]!] : undefined;
}

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : fallback;
}
