import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * Starts a built service (`dist/`, as `npm start` and the image run it) as a child process on the
 * run's broker and store. Only the variables given and the run's servers reach it.
 */
export async function spawnService(service: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'services', service, 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      MONGODB_URI: process.env.MONGODB_URI,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(...chunk.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return { child, url: `http://127.0.0.1:${port}`, stdout, stderr, exited };
}

export async function waitUntilReady(service: ServiceProcess, timeoutMs = 60000): Promise<void> {
  await waitFor(
    `${service.url} to be ready`,
    async () => {
      if (service.child.exitCode !== null) throw new Error(`exited early: ${service.stderr.join('')}`);
      return (await fetch(`${service.url}/health/ready`)).status === 200;
    },
    { timeoutMs },
  );
}
