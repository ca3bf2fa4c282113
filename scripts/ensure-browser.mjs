#!/usr/bin/env node
// Runs before `npm test`: the dashboard's test drives a real Chromium (Debian's package, through
// playwright-core). Installs it once when it is missing and this machine can (root with apt-get);
// otherwise says what to do. CHROMIUM_PATH names another Chromium or Chrome binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`[setup] CHROMIUM_PATH=${wanted} does not exist`);
  process.exit(1);
}

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.error('[setup] the dashboard test needs Chromium: install Debian\'s `chromium` package (apt-get install chromium) or set CHROMIUM_PATH');
  process.exit(1);
}
console.log('[setup] installing Debian chromium for the dashboard browser test (once)');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
} catch {
  // A fresh machine may not have the package lists yet.
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}
