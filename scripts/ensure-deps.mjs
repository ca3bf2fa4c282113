#!/usr/bin/env node
// Runs before `npm start` and `npm test` on whatever Node the machine has (it may be older than
// 24): installs the locked dependencies when they are missing or stale, which brings Node 24
// itself (the `node` package) into node_modules/.bin for every later npm script.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.cc-installed-lock.sha256');
const node24 = join(root, 'node_modules', '.bin', 'node');

const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
const upToDate = existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash && existsSync(node24);

if (upToDate) process.exit(0);

console.log('[setup] installing locked dependencies (npm ci) — first run or package-lock.json changed');
const started = Date.now();
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
const version = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
if (!version.startsWith('v24.')) {
  console.error(`[setup] node_modules/.bin/node is ${version}, expected v24.x: check the "node" devDependency`);
  process.exit(1);
}
writeFileSync(stamp, lockHash);
console.log(`[setup] dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s; npm scripts run on Node ${version}`);
