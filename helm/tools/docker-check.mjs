#!/usr/bin/env node
// docker/Dockerfile, .dockerignore and skaffold.yaml's artifacts, checked without a Docker engine.
//
//   node helm/tools/docker-check.mjs --facts <facts.json> [--dockerfile FILE] [--dockerignore FILE]
//
// Dockerfile (instructions parsed with line continuations): Node 24 base; a production-only
// dependency stage (npm ci --omit=dev) is where the runtime's node_modules come from, and nothing
// else installs packages into it; the runtime runs as a numeric non-root user, in exec form under
// an init (tini) with STOPSIGNAL SIGTERM; the OCI labels are set; no ADD; every service of
// services/ passes its SERVICE check. .dockerignore (Docker's rules: last matching pattern wins,
// a pattern excludes what is under a directory it matches, "!" re-includes): the build's inputs
// (package*.json, tsconfig*.json and every .ts file tsconfig.build.json compiles) are in the
// context, and .git, node_modules, .local, dist and .env files are not. skaffold.yaml: one
// artifact per service, built from docker/Dockerfile with its SERVICE and PORT.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const YAML = require(require.resolve('yaml', { paths: [repo] }));
const problems = [];
const option = (name, fallback) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const facts = JSON.parse(readFileSync(option('facts'), 'utf8'));
const services = Object.keys(facts.services);

// --- Dockerfile -----------------------------------------------------------------------------------
const instructions = [];
{
  const lines = readFileSync(option('dockerfile', join(repo, 'docker/Dockerfile')), 'utf8').split('\n');
  let current = '';
  for (const line of lines) {
    if (/^\s*#/.test(line) && current === '') continue;
    if (/^\s*#/.test(line)) continue; // comments inside a continued instruction
    current += `${line.replace(/\\\s*$/, ' ')}`;
    if (/\\\s*$/.test(line)) continue;
    if (current.trim()) {
      const [, keyword, args] = current.trim().match(/^(\w+)\s*(.*)$/s);
      instructions.push({ keyword: keyword.toUpperCase(), args: args.trim() });
    }
    current = '';
  }
}
const stages = [];
for (const instruction of instructions) {
  if (instruction.keyword === 'FROM') {
    const [, image, name] = instruction.args.match(/^(\S+)(?:\s+AS\s+(\S+))?$/i) ?? [];
    stages.push({ image, name, instructions: [] });
  } else if (stages.length > 0) stages.at(-1).instructions.push(instruction);
}
const globalArgs = Object.fromEntries(
  instructions
    .slice(0, instructions.findIndex((i) => i.keyword === 'FROM'))
    .filter((i) => i.keyword === 'ARG')
    .map((i) => i.args.split('='))
    .map(([name, value]) => [name, value]),
);
const expand = (text) => text.replace(/\$\{(\w+)\}/g, (_, name) => globalArgs[name] ?? `\${${name}}`);
const runtime = stages.at(-1);
const of = (stage, keyword) => stage.instructions.filter((i) => i.keyword === keyword);
const execForm = (args) => {
  try {
    const parsed = JSON.parse(args);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

if (!runtime) problems.push('Dockerfile: no FROM');
else {
  for (const stage of stages) {
    if (!/^node:24(\.|-|$)/.test(expand(stage.image))) problems.push(`Dockerfile: stage ${stage.name}: base ${expand(stage.image)} is not Node 24`);
  }
  if (instructions.some((i) => i.keyword === 'ADD')) problems.push('Dockerfile: ADD (use COPY: ADD fetches URLs and unpacks archives)');
  const prodStage = stages.find((stage) => of(stage, 'RUN').some((run) => /npm ci\b.*--omit=dev/.test(run.args)));
  if (!prodStage) problems.push('Dockerfile: no stage installs production dependencies only (npm ci --omit=dev)');
  const modules = of(runtime, 'COPY').filter((copy) => /node_modules/.test(copy.args));
  if (modules.length !== 1 || !prodStage || !modules[0].args.includes(`--from=${prodStage.name}`)) {
    problems.push(`Dockerfile: the runtime's node_modules must come from the production-dependency stage ${prodStage?.name} alone`);
  }
  if (of(runtime, 'RUN').some((run) => /\bnpm (ci|install|i)\b/.test(run.args))) problems.push('Dockerfile: the runtime stage installs npm packages itself');
  const user = of(runtime, 'USER').at(-1)?.args;
  if (!user || !/^[1-9][0-9]*(:[0-9]+)?$/.test(user)) problems.push(`Dockerfile: runtime USER ${user ?? '(none)'}: must be a numeric non-root uid, so that Kubernetes can verify runAsNonRoot`);
  const entrypoint = execForm(of(runtime, 'ENTRYPOINT').at(-1)?.args ?? '');
  if (!entrypoint || !/tini|dumb-init/.test(entrypoint[0])) problems.push('Dockerfile: ENTRYPOINT must be an init (tini) in exec form, so that signals reach node');
  const cmd = execForm(of(runtime, 'CMD').at(-1)?.args ?? '');
  if (!cmd) problems.push('Dockerfile: CMD must be in exec form');
  else if (cmd[0] === '/bin/sh' && !/^exec /.test(cmd.at(-1))) problems.push('Dockerfile: a shell CMD must exec node, or SIGTERM stops at the shell');
  if (of(runtime, 'STOPSIGNAL').at(-1)?.args !== 'SIGTERM') problems.push('Dockerfile: STOPSIGNAL SIGTERM');
  if (of(runtime, 'HEALTHCHECK').length === 0) problems.push('Dockerfile: no HEALTHCHECK');
  const labels = of(runtime, 'LABEL').map((l) => l.args).join(' ');
  for (const label of ['title', 'description', 'version', 'revision', 'created', 'source', 'licenses', 'vendor', 'base.name']) {
    if (!labels.includes(`org.opencontainers.image.${label}=`)) problems.push(`Dockerfile: label org.opencontainers.image.${label} missing`);
  }
  const check = of(runtime, 'RUN').find((run) => /case "\$\{SERVICE\}" in/.test(run.args));
  const accepted = check?.args.match(/in\s+([\w|]+)\)/)?.[1]?.split('|') ?? [];
  for (const service of services.filter((s) => !accepted.includes(s))) problems.push(`Dockerfile: SERVICE=${service} is refused by the runtime stage's check (it accepts ${accepted.join(', ')})`);
  for (const service of accepted.filter((s) => !services.includes(s))) problems.push(`Dockerfile: accepts SERVICE=${service}, which is not in services/`);
}

// --- .dockerignore --------------------------------------------------------------------------------
function dockerignore() {
  const patterns = readFileSync(option('dockerignore', join(repo, '.dockerignore')), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      const source = pattern
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\.\*\//g, '(.*/)?');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const { negate, regex } of patterns) if (prefixes.some((prefix) => regex.test(prefix))) excluded = !negate;
    return excluded;
  };
}
const excluded = dockerignore();
function files(dir, out = []) {
  for (const name of readdirSync(join(repo, dir))) {
    const path = dir ? `${dir}/${name}` : name;
    if (['node_modules', '.git', '.local', 'dist'].includes(name)) continue;
    if (statSync(join(repo, path)).isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}
const build = JSON.parse(readFileSync(join(repo, 'tsconfig.build.json'), 'utf8'));
const roots = build.include.map((glob) => glob.split('/')[0]);
const buildExcluded = (path) => /\.(int-)?spec\.ts$/.test(path) || path.startsWith('libs/testing/');
const inputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', ...files('').filter((p) => p.endsWith('.ts') && ['services', 'libs', 'tools'].includes(p.split('/')[0]) && !buildExcluded(p))];
for (const path of inputs.filter(excluded)) problems.push(`.dockerignore leaves out ${path}, which the build needs`);
for (const path of ['.git', 'node_modules', 'libs/x/node_modules/y', '.local/bin/helm', 'dist/services/intake/src/main.js', '.env', '.env.production']) {
  if (!excluded(path)) problems.push(`.dockerignore lets ${path} into the build context`);
}
if (excluded('.env.example')) problems.push('.dockerignore leaves out .env.example, which it means to keep');
for (const root of roots.filter((r) => !['services', 'libs', 'tools'].includes(r))) {
  if (!excluded(root)) problems.push(`.dockerignore: ${root}/ is compiled by tsconfig.build.json but not needed in the image; leave it out or copy it on purpose`);
}
const context = files('').filter((p) => !excluded(p));

// --- skaffold artifacts -----------------------------------------------------------------------------
const skaffold = YAML.parse(readFileSync(join(repo, 'skaffold.yaml'), 'utf8'));
const artifacts = skaffold.build?.artifacts ?? [];
for (const service of services) {
  const artifact = artifacts.find((a) => a.docker?.buildArgs?.SERVICE === service);
  if (!artifact) {
    problems.push(`skaffold.yaml: no artifact builds ${service}`);
    continue;
  }
  if (artifact.docker.dockerfile !== 'docker/Dockerfile' || (artifact.context ?? '.') !== '.') problems.push(`skaffold.yaml: ${artifact.image} is not built from docker/Dockerfile in the repository root`);
  if (Number(artifact.docker.buildArgs.PORT) !== facts.services[service].defaultPort) problems.push(`skaffold.yaml: ${artifact.image} PORT ${artifact.docker.buildArgs.PORT}, the service's is ${facts.services[service].defaultPort}`);
  if (artifact.image !== `connect-center-${service}`) problems.push(`skaffold.yaml: artifact ${artifact.image} for ${service}: the chart's values name it connect-center-${service}`);
}
if (artifacts.length !== services.length) problems.push(`skaffold.yaml: ${artifacts.length} artifacts for ${services.length} services`);

for (const problem of problems) process.stdout.write(`${problem}\n`);
if (problems.length === 0) {
  process.stdout.write(`${stages.length} stages, runtime as ${of(runtime, 'USER').at(-1).args} under ${execForm(of(runtime, 'ENTRYPOINT').at(-1).args)[0]}; build context ${context.length} files; ${artifacts.length} skaffold artifacts\n`);
}
process.exitCode = problems.length === 0 ? 0 : 1;
