import type { z } from 'zod';
import { SECRET_KEYS } from './service-config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once. Every problem is reported at once, each naming its variable;
 * the offending value is echoed only when it is not a secret.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
      const value = env[name];
      const shown = value === undefined ? 'not set' : SECRET_KEYS.has(name) ? 'value hidden' : `got "${value}"`;
      return `${name}: ${issue.message} (${shown})`;
    }),
  );
}

/** For `main.ts`: a bad variable stops the process with a message that names it. */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, env = process.env): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

/** The configuration as it may be logged: secrets masked. */
export function describeConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, SECRET_KEYS.has(key) && value !== undefined ? '***' : value]),
  );
}
