import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Where the integration tier finds its broker and store, decided once per run:
 * - `external`: KAFKA_BROKERS and MONGODB_URI are set — use those servers, start nothing;
 * - `containers`: a Docker engine answers — Kafka and MongoDB images through testcontainers;
 * - `local`: real local processes (Kafka KRaft from Maven Central jars, FerretDB from the Go
 *   proxy) managed by deploy/local/infra.mjs, the default on the project's machines.
 */
export type InfraMode = 'external' | 'containers' | 'local';

export const INFRA_MODE_VARIABLE = 'CC_TEST_INFRA_MODE';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const INFRA_SCRIPT = join(REPO_ROOT, 'deploy', 'local', 'infra.mjs');

export interface InfraOptions {
  components?: Array<'kafka' | 'ferretdb' | 'postgres'>;
  log?: (message: string) => void;
}

/** For tests: progress lines from the infrastructure script would interleave with Jest's output. */
export const quietly = (options: InfraOptions = {}): InfraOptions => ({ ...options, log: () => undefined });

export interface LocalInfra {
  up(options?: InfraOptions): Promise<{ kafkaBrokers: string; mongoUri: string; started: string[] }>;
  down(options?: InfraOptions): Promise<unknown>;
}

/**
 * Loads one of the project's plain ESM scripts (deploy/local/*.mjs) with Node's own `require`,
 * outside Jest's module sandbox. Not `import()` from inside a test file: Jest routes a dynamic
 * import to the test file that compiled the calling code, and V8 shares compiled code between
 * files with the same source, so a later file's import was now and then sent to an earlier file's
 * torn-down environment ("import a file after the Jest environment has been torn down") and the
 * run then hung at exit. `process.getBuiltinModule` gives the real `module` (Jest's own stands in
 * for `require('node:module')`), and Node 22.12+ requires ESM without top-level await
 * synchronously.
 */
export function loadEsmScript<T>(path: string): T {
  const { createRequire } = process.getBuiltinModule('node:module');
  return createRequire(__filename)(path) as T;
}

/** The local infrastructure script is plain ESM, shared with `npm run infra:*`. */
export function loadLocalInfra(): LocalInfra {
  return loadEsmScript<LocalInfra>(INFRA_SCRIPT);
}

export async function dockerAvailable(): Promise<boolean> {
  try {
    await promisify(execFile)('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export function currentInfraMode(): InfraMode {
  const mode = process.env[INFRA_MODE_VARIABLE];
  if (mode !== 'external' && mode !== 'containers' && mode !== 'local') {
    throw new Error(`${INFRA_MODE_VARIABLE} is not set: run integration tests through jest.integration.config.js`);
  }
  return mode;
}
