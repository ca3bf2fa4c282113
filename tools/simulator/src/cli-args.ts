import { parseArgs } from 'node:util';
import { MAX_MEMBERS } from './people';

export class UsageError extends Error {
  readonly exitCode = 2;
}

export interface SimulatorOptions {
  /** Messages per second (a WhatsApp POST with three messages is three). */
  rate: number;
  durationSeconds: number;
  intakeUrl: string;
  membershipUrl: string;
  seed: number;
  /** Known members imported through membership's API before the traffic; 0 skips the import. */
  members: number;
  complaintShare: number;
  retryShare: number;
  /** Requests in flight at most. */
  concurrency: number;
}

export type SimulatorCommand = { name: 'help' } | { name: 'run'; options: SimulatorOptions };

export const DEFAULTS = {
  rate: 10,
  durationSeconds: 60,
  intakeUrl: 'http://127.0.0.1:3001',
  membershipUrl: 'http://127.0.0.1:3002',
  members: 200,
  complaintShare: 0.25,
  retryShare: 0.05,
  concurrency: 64,
} as const;

export const USAGE = `Usage: npm run simulate -- [options]

Sends realistic Connect Center traffic through intake's real entry points: signed WhatsApp
webhooks (every message type, several messages per POST, provider retries, status callbacks),
Twilio and Gupshup SMS, and app reports — from imported members and unknown workers across
Jharkhand's districts and blocks, in Hindi, English and Hinglish.

Options:
  --rate <messages/s>        open-loop arrival rate (default ${DEFAULTS.rate})
  --duration <seconds>       how long to send (default ${DEFAULTS.durationSeconds})
  --intake <url>             intake's base URL (default ${DEFAULTS.intakeUrl})
  --membership <url>         membership's base URL, for the member import (default ${DEFAULTS.membershipUrl})
  --seed <n>                 the same seed sends the same messages again (default: random, printed)
  --members <n>              known members to import first, idempotently (default ${DEFAULTS.members}; 0 = none)
  --complaint-share <0..1>   share of messages that are complaints (default ${DEFAULTS.complaintShare})
  --retry-share <0..1>       share of requests the provider sends again (default ${DEFAULTS.retryShare})
  --concurrency <n>          requests in flight at most (default ${DEFAULTS.concurrency})

Credentials: the local development profile (deploy/local/local-env.mjs, what \`npm start\` gives the
services) unless WHATSAPP_APP_SECRET, TWILIO_AUTH_TOKEN, TWILIO_WEBHOOK_URL, GUPSHUP_TOKEN,
APP_API_KEYS, AUTH_JWT_SECRET / AUTH_JWT_ISSUER are set. INTAKE_SENDER_BURST / INTAKE_SENDER_PER_MINUTE
(default 30 / 20) are the per-sender limit the traffic stays under.
Exit codes: 0 every request answered 2xx or 429, 1 anything else (5xx, 4xx, no answer), 2 wrong command line.`;

export function parseSimulatorArgs(argv: readonly string[], randomSeed: () => number = () => Math.floor(Math.random() * 2 ** 31)): SimulatorCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        intake: { type: 'string' },
        membership: { type: 'string' },
        seed: { type: 'string' },
        members: { type: 'string' },
        'complaint-share': { type: 'string' },
        'retry-share': { type: 'string' },
        concurrency: { type: 'string' },
      },
    }));
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') throw error;
    throw new UsageError(message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, ''));
  }
  if (values.help === true) return { name: 'help' };
  const text = (name: string) => values[name] as string | undefined;
  return {
    name: 'run',
    options: {
      rate: decimal('--rate', text('rate'), DEFAULTS.rate, { above: 0, max: 10_000 }),
      durationSeconds: decimal('--duration', text('duration'), DEFAULTS.durationSeconds, { above: 0, max: 86_400 }),
      intakeUrl: url('--intake', text('intake'), DEFAULTS.intakeUrl),
      membershipUrl: url('--membership', text('membership'), DEFAULTS.membershipUrl),
      seed: text('seed') === undefined ? randomSeed() : whole('--seed', text('seed')!, 0, 2 ** 32 - 1),
      members: text('members') === undefined ? DEFAULTS.members : whole('--members', text('members')!, 0, MAX_MEMBERS),
      complaintShare: decimal('--complaint-share', text('complaint-share'), DEFAULTS.complaintShare, { min: 0, max: 1 }),
      retryShare: decimal('--retry-share', text('retry-share'), DEFAULTS.retryShare, { min: 0, max: 1 }),
      concurrency: text('concurrency') === undefined ? DEFAULTS.concurrency : whole('--concurrency', text('concurrency')!, 1, 1024),
    },
  };
}

function decimal(label: string, value: string | undefined, fallback: number, range: { min?: number; above?: number; max: number }): number {
  if (value === undefined) return fallback;
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  const low = range.above !== undefined ? number > range.above : number >= (range.min ?? 0);
  if (!Number.isFinite(number) || !low || number > range.max) {
    const from = range.above !== undefined ? `above ${range.above}` : `from ${range.min ?? 0}`;
    throw new UsageError(`${label} must be a number ${from} to ${range.max}, got "${value}"`);
  }
  return number;
}

function whole(label: string, value: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) throw new UsageError(`${label} must be a whole number from ${min} to ${max}, got "${value}"`);
  return number;
}

function url(label: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError(`${label} must be an http(s) URL, got "${value}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`${label} must be an http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, '');
}
