import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** An HTTP server in a process of its own, so that it does not share the load generator's event loop. */
export interface ChildServer {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal. */
  stop(graceMs?: number): Promise<number | string>;
  /** The last lines it wrote to stdout and stderr. */
  lastOutput(): string[];
}

export interface ChildServerOptions {
  name: string;
  script: string;
  /** The whole environment of the child (nothing else is inherited); PORT is added. */
  env: Record<string, string | undefined>;
  nodeOptions?: string[];
  /** Where it listens; default a free port. (A service whose own URL goes into its configuration needs it chosen first.) */
  port?: number;
  /** Answers true once the server is ready. */
  ready(url: string): Promise<boolean>;
  timeoutMs?: number;
}

const KEPT_OUTPUT_LINES = 40;

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), options.script], {
    env: { ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: string) => {
    output.push(...chunk.split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - KEPT_OUTPUT_LINES));
  };
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.join('\n')}`);
    }
    if (await options.ready(url).catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop(child, exited, 5000);
      throw new Error(`${options.name} was not ready within ${options.timeoutMs ?? 60_000} ms:\n${output.join('\n')}`);
    }
    await sleep(200);
  }
  return { name: options.name, url, pid: child.pid!, stop: (graceMs = 15_000) => stop(child, exited, graceMs), lastOutput: () => [...output] };
}

async function stop(child: ChildProcess, exited: Promise<number | string>, graceMs: number): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}
