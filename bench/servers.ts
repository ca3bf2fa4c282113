import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Servers {
  kafkaBrokers: string;
  mongoUri: string;
  /** Local servers this run started (and therefore stops); empty when they were already running. */
  started: string[];
}

interface LocalInfra {
  up(options: { log: (message: string) => void }): Promise<Servers>;
  down(options: { components: string[]; log: (message: string) => void }): Promise<unknown>;
}

const INFRA_SCRIPT = join('deploy', 'local', 'infra.mjs');

/** The repository root, from wherever this file was compiled to (bench/ or dist/bench/). */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, INFRA_SCRIPT))) return dir;
    if (dirname(dir) === dir) throw new Error(`${INFRA_SCRIPT} not found above ${__dirname}`);
  }
}

function loadLocalInfra(): Promise<LocalInfra> {
  // A real dynamic import of the ESM script; tsc would turn `import()` into require().
  const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<LocalInfra>;
  return importEsm(`file://${join(repoRoot(), INFRA_SCRIPT)}`);
}

/**
 * KAFKA_BROKERS + MONGODB_URI when both are set (start nothing); otherwise the local Kafka and
 * FerretDB of deploy/local/infra.mjs, started if they are not running (idempotent).
 */
export async function useServers(log: (message: string) => void): Promise<Servers> {
  const { KAFKA_BROKERS, MONGODB_URI } = process.env;
  if (KAFKA_BROKERS && MONGODB_URI) return { kafkaBrokers: KAFKA_BROKERS, mongoUri: MONGODB_URI, started: [] };
  return (await loadLocalInfra()).up({ log });
}

/** Stops only what {@link useServers} started: others may be using servers that were already up. */
export async function releaseServers(servers: Servers, log: (message: string) => void): Promise<void> {
  if (servers.started.length === 0) return;
  await (await loadLocalInfra()).down({ components: servers.started, log });
}
