import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The repository root, from bench/ or dist/bench/. */
export function repositoryRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'services', 'membership'))) return dir;
  }
  throw new Error(`the repository root is not above ${__dirname}`);
}

export interface ServiceOptions {
  env: Record<string, string>;
  logFile: string;
  /** Write a V8 CPU profile of the service (node --cpu-prof) into this directory. */
  cpuProfileDir?: string;
  readyTimeoutMs: number;
}

export interface RunningMembership {
  pid: number;
  url: string;
  /** performance.now() when /health/ready first answered 200. */
  readyAt: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built membership service as a process of its own (`node dist/services/membership/src/main.js`). */
export async function startMembership(options: ServiceOptions): Promise<RunningMembership> {
  const main = join(repositoryRoot(), 'dist', 'services', 'membership', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const port = await freePort();
  const args = [...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), main];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env, PORT: String(port), HTTP_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const readyAt = await waitUntilReady(url, child, options.readyTimeoutMs, options.logFile);
  return { pid: child.pid!, url, readyAt, stop: () => stop(child, exited) };
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<number> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (child.exitCode !== null) throw new Error(`membership exited with ${child.exitCode} before it was ready; see ${logFile}`);
    const ready = await fetch(`${url}/health/ready`).then((response) => response.ok, () => false);
    if (ready) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`membership was not ready within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** SIGTERM (the service drains and exits within SHUTDOWN_TIMEOUT_MS), SIGKILL 30 s later. */
async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killer);
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3. Clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * The pid of a local server of deploy/local/infra.mjs (kafka | ferretdb), when the bench uses
 * those (KAFKA_BROKERS + MONGODB_URI unset) and it runs here.
 */
export function localServerPid(component: 'kafka' | 'ferretdb'): number | undefined {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) return undefined;
  const dir = process.env.CC_LOCAL_DIR || join(repositoryRoot(), '.local');
  try {
    // The pid file holds the pid, then the port.
    const pid = Number(readFileSync(join(dir, component, `${component}.pid`), 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(pid) && cpuSeconds(pid) !== undefined ? pid : undefined;
  } catch {
    return undefined;
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  /** Share of the profile's time by category: idle, garbage collector, our code, each package... */
  byArea: Array<{ area: string; seconds: number; share: number }>;
  topSelf: Array<{ fn: string; seconds: number; share: number }>;
}

/** Self time of a V8 .cpuprofile, by function and by area (node_modules package, our code, idle). */
export function summariseProfile(dir: string): ProfileSummary | undefined {
  const file = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).sort().pop() : undefined;
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const fn = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byArea.set(areaOf(functionName, url), (byArea.get(areaOf(functionName, url)) ?? 0) + us);
  }
  const rank = (map: Map<string, number>, limit: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([key, us]) => ({ key, seconds: us / 1e6, share: us / total }));
  return {
    file: join(dir, file),
    seconds: total / 1e6,
    byArea: rank(byArea, 12).map(({ key, ...rest }) => ({ area: key, ...rest })),
    topSelf: rank(byFn, 20).map(({ key, ...rest }) => ({ fn: key, ...rest })),
  };
}

function areaOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes('/dist/services/')) return 'services (ours)';
  if (url.includes('/dist/libs/')) return 'libs (ours)';
  if (url.startsWith('node:')) return 'node internals';
  return url;
}
