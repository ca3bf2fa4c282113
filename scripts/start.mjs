#!/usr/bin/env node
// `npm start`: brings the local infrastructure up, builds, starts all five services, prints their
// URLs and health, and keeps them running until Ctrl-C (SIGINT) or SIGTERM, which stops them
// gracefully. The infrastructure keeps running afterwards; `npm run infra:down` stops it.
// Services get the local development credentials (deploy/local/local-env.mjs) so that every
// channel and API works; variables already set in the environment win.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalEnvError, localServiceEnv, mintLocalToken } from '../deploy/local/local-env.mjs';
import { SERVICES } from './services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const logDir = join(process.env.CC_LOCAL_DIR ?? join(root, '.local'), 'logs');

function step(message) {
  console.log(`\n[start] ${message}`);
}

function portFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function health(url) {
  const get = async (path) => {
    try {
      return (await fetch(`${url}${path}`, { signal: AbortSignal.timeout(3000) })).status;
    } catch {
      return 'down';
    }
  };
  return { live: await get('/health/live'), ready: await get('/health/ready') };
}

const host = process.env.HTTP_HOST ?? '127.0.0.1';
const urlOf = (name) => `http://${host}:${SERVICES.find((service) => service.name === name).port}`;
let localEnv;
try {
  localEnv = Object.fromEntries(SERVICES.map(({ name }) => [name, localServiceEnv(name, { intakeUrl: urlOf('intake') })]));
} catch (error) {
  if (!(error instanceof LocalEnvError)) throw error;
  console.error(`[start] ${error.message}`);
  process.exit(1);
}
for (const { name, port } of SERVICES) {
  if (!(await portFree(port, host))) {
    console.error(`[start] port ${port} (${name}) on ${host} is taken — is Connect Center already running? Stop it, or free the port.`);
    process.exit(1);
  }
}

step('infrastructure');
const { up } = await import(join(root, 'deploy', 'local', 'infra.mjs'));
const infra = await up();

step('build');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });

step(`services (JSON logs in ${logDir})`);
mkdirSync(logDir, { recursive: true });
const children = SERVICES.map(({ name, port }) => {
  const logFile = join(logDir, `${name}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [join(root, 'dist', 'services', name, 'src', 'main.js')], {
    cwd: root,
    env: { ...localEnv[name], KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, ...process.env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  return { name, port, logFile, child, url: `http://${host}:${port}` };
});

let stopping = false;
for (const service of children) {
  service.child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n[start] ${service.name} exited (${signal ?? code}); last lines of ${service.logFile}:`);
    console.error(readFileSync(service.logFile, 'utf8').trim().split('\n').slice(-15).join('\n'));
    shutdown(1);
  });
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  step('stopping services (graceful)');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  console.log('[start] services stopped; Kafka and FerretDB keep running (npm run infra:down stops them)');
  process.exit(code);
}
process.once('SIGINT', () => shutdown(0));
process.once('SIGTERM', () => shutdown(0));

const deadline = Date.now() + 90_000;
let report;
for (;;) {
  report = await Promise.all(children.map(async (service) => ({ ...service, ...(await health(service.url)) })));
  if (report.every((service) => service.ready === 200) || Date.now() > deadline || stopping) break;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
if (stopping) await new Promise(() => {});

step('Connect Center');
console.table(
  Object.fromEntries(report.map(({ name, url, live, ready }) => [name, { url, 'health/live': live, 'health/ready': ready }])),
);
console.log(`Kafka ${infra.kafkaBrokers} · MongoDB-wire (FerretDB) ${infra.mongoUri.replace(/\/\/[^@]*@/, '//')}`);
console.log('Metrics at <url>/metrics. Ctrl-C stops the services.');
if (!report.every((service) => service.ready === 200)) {
  console.error('[start] not every service became ready within 90 s; see the logs above');
  await shutdown(1);
}
step('war room (local development credentials; the token is an AICC admin\'s, valid 12 h)');
console.log(`${urlOf('reporting')}/dashboard#token=${await mintLocalToken()}`);
console.log('\nTo fill it with realistic traffic from Jharkhand, in another terminal:\n  npm run simulate -- --rate 50 --duration 60');
