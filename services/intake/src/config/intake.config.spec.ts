import { ConfigError, loadConfig } from '@cc/config';
import { intakeConfigSchema } from './intake.config';

const base = { KAFKA_BROKERS: '127.0.0.1:29092', MONGODB_URI: 'mongodb://127.0.0.1:27117' };
const appKey = 'k'.repeat(40);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(intakeConfigSchema, { ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('intake configuration', () => {
  it('runs with no channel credentials at all (npm start), with the rate limits defaulted', () => {
    const config = loadConfig(intakeConfigSchema, base);
    expect(config).toMatchObject({ APP_API_KEYS: [], INTAKE_SENDER_BURST: 30, INTAKE_SENDER_PER_MINUTE: 20, APP_JWT_AUDIENCE: 'connect-center-intake' });
  });

  it('reads integrator API keys and a PEM public key whose newlines came escaped', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';
    const config = loadConfig(intakeConfigSchema, { ...base, APP_API_KEYS: `party-app:${appKey}`, APP_JWT_PUBLIC_KEY: pem, APP_JWT_ISSUER: 'https://id.example' });
    expect(config.APP_API_KEYS.map((key) => key.integrator)).toEqual(['party-app']);
    expect(config.APP_JWT_PUBLIC_KEY).toContain('\nMFkw');
  });

  it('refuses a short API key without showing it', () => {
    const [problem] = problems({ APP_API_KEYS: 'party-app:short-key-1234' });
    expect(problem).toMatch(/^APP_API_KEYS: the key of "party-app" is shorter than 32 characters \(value hidden\)$/);
  });

  it('refuses a JWT key without an issuer, and two JWT keys at once', () => {
    expect(problems({ APP_JWT_SECRET: 's'.repeat(32) })).toEqual([expect.stringMatching(/^APP_JWT_ISSUER: required with/)]);
    expect(problems({ APP_JWT_SECRET: 's'.repeat(32), APP_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----', APP_JWT_ISSUER: 'x' })).toEqual([
      expect.stringMatching(/^APP_JWT_SECRET: set APP_JWT_SECRET or APP_JWT_PUBLIC_KEY, not both/),
    ]);
  });

  it('refuses a rate limit that is not a positive whole number', () => {
    expect(problems({ INTAKE_SENDER_BURST: '0' })).toEqual([expect.stringMatching(/^INTAKE_SENDER_BURST: /)]);
  });

  it('defaults the group commit of reports, and keeps its store operations within the pool', () => {
    expect(loadConfig(intakeConfigSchema, base)).toMatchObject({ INTAKE_WRITE_BATCH_MAX: 250, INTAKE_WRITE_BATCHES_IN_FLIGHT: 2, MONGODB_MAX_POOL_SIZE: 20 });
    expect(problems({ INTAKE_WRITE_BATCHES_IN_FLIGHT: '4' })).toEqual([]);
    expect(problems({ INTAKE_WRITE_BATCHES_IN_FLIGHT: '4', MONGODB_MAX_POOL_SIZE: '16' })).toEqual([
      expect.stringMatching(/^INTAKE_WRITE_BATCHES_IN_FLIGHT: .*within MONGODB_MAX_POOL_SIZE \(16\)/),
    ]);
    expect(problems({ INTAKE_WRITE_BATCH_MAX: '0' })).toEqual([expect.stringMatching(/^INTAKE_WRITE_BATCH_MAX: /)]);
  });
});
