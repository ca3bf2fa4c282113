#!/usr/bin/env node
// skaffold.yaml, checked without skaffold. Used by helm/test.sh.
//
//   node helm/tools/skaffold-check.mjs schema <skaffold.yaml> <schema-dir>
//       Validates the file against skaffold's own JSON schema for its apiVersion
//       (<schema-dir>/<version>.json, from the skaffold Go module's docs-v2/content/en/schemas),
//       as written and with each profile's patches applied (RFC 6902, as skaffold applies them).
//   node helm/tools/skaffold-check.mjs release <skaffold.yaml> [profile]
//       Prints, one per line, the helm arguments skaffold would pass for the first release: the
//       release name, the chart path, then --values and --set arguments. Templates are filled
//       the way skaffold fills them, with each artifact's image as IMAGE_REPO_*, "skaffold-test"
//       as IMAGE_TAG_* and a made-up IMAGE_DIGEST_*; only {{.NAME}} and {{ default "x" .NAME }}
//       are understood, and anything else is an error rather than a guess.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const fromRepo = (name) => require(require.resolve(name, { paths: [repo] }));
const YAML = fromRepo('yaml');

const clone = (value) => JSON.parse(JSON.stringify(value));
const load = (file) => YAML.parse(readFileSync(file, 'utf8'), { uniqueKeys: true });

const unescape = (segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** RFC 6902 add, replace, remove, test, copy, move on a copy of doc. */
function applyPatches(doc, patches, where) {
  const out = clone(doc);
  const locate = (path) => {
    const segments = path.split('/').slice(1).map(unescape);
    const last = segments.pop();
    let parent = out;
    for (const segment of segments) {
      parent = Array.isArray(parent) ? parent[Number(segment)] : parent?.[segment];
      if (parent === undefined) throw new Error(`${where}: patch path ${path}: ${segment} does not exist`);
    }
    return { parent, last };
  };
  const get = (path) => {
    const { parent, last } = locate(path);
    const value = Array.isArray(parent) ? parent[Number(last)] : parent[last];
    if (value === undefined) throw new Error(`${where}: patch path ${path} does not exist`);
    return value;
  };
  const put = (path, value, op) => {
    const { parent, last } = locate(path);
    if (Array.isArray(parent)) {
      if (last === '-') parent.push(value);
      else if (op === 'add') parent.splice(Number(last), 0, value);
      else {
        if (parent[Number(last)] === undefined) throw new Error(`${where}: ${op} ${path}: no such element`);
        parent[Number(last)] = value;
      }
    } else {
      if (op === 'replace' && !(last in parent)) throw new Error(`${where}: replace ${path}: no such member`);
      parent[last] = value;
    }
  };
  const remove = (path) => {
    const { parent, last } = locate(path);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (last in parent) delete parent[last];
    else throw new Error(`${where}: remove ${path}: no such member`);
  };
  for (const patch of patches ?? []) {
    const op = patch.op ?? 'replace';
    if (op === 'add' || op === 'replace') put(patch.path, clone(patch.value), op);
    else if (op === 'remove') remove(patch.path);
    else if (op === 'copy') put(patch.path, clone(get(patch.from)), 'add');
    else if (op === 'move') {
      const value = get(patch.from);
      remove(patch.from);
      put(patch.path, value, 'add');
    } else if (op === 'test') {
      if (JSON.stringify(get(patch.path)) !== JSON.stringify(patch.value)) throw new Error(`${where}: test ${patch.path} failed`);
    } else throw new Error(`${where}: unknown patch op ${op}`);
  }
  return out;
}

/** The config as skaffold runs it with one profile on. Only patches: no section overrides. */
function withProfile(config, name) {
  if (!name) return config;
  const profile = (config.profiles ?? []).find((p) => p.name === name);
  if (!profile) throw new Error(`no profile ${name}`);
  const overrides = Object.keys(profile).filter((key) => !['name', 'activation', 'patches', 'requiresAllActivations'].includes(key));
  if (overrides.length > 0) throw new Error(`profile ${name}: sections ${overrides.join(', ')} replace whole parts of the config; this check only applies patches`);
  return applyPatches(config, profile.patches, `profile ${name}`);
}

function schemaCheck(file, schemaDir) {
  const config = load(file);
  const version = String(config.apiVersion ?? '').replace(/^skaffold\//, '');
  const Ajv = fromRepo('ajv');
  const ajv = new Ajv({ allErrors: true, jsonPointers: true, extendRefs: 'ignore', logger: false });
  const schema = JSON.parse(readFileSync(join(schemaDir, `${version}.json`), 'utf8'));
  const check = ajv.compile(schema);
  const problems = [];
  for (const profile of [undefined, ...(config.profiles ?? []).map((p) => p.name)]) {
    const label = profile ? `profile ${profile}` : 'as written';
    let effective;
    try {
      effective = withProfile(config, profile);
    } catch (error) {
      problems.push(error.message);
      continue;
    }
    if (!check(effective)) {
      for (const error of check.errors.filter((e) => e.keyword !== 'anyOf')) {
        const extra = error.keyword === 'additionalProperties' ? ` "${error.params.additionalProperty}"` : '';
        const problem = `${label}: ${error.dataPath || '/'}: ${error.message}${extra}`;
        if (!problems.includes(problem)) problems.push(problem);
      }
    }
  }
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  if (problems.length === 0) process.stdout.write(`${config.apiVersion}, valid as written and with ${(config.profiles ?? []).length} profiles\n`);
  return problems.length === 0 ? 0 : 1;
}

function fill(template, context, where) {
  return template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, expression) => {
    let match = expression.match(/^\.([A-Za-z_][A-Za-z0-9_]*)$/);
    if (match) {
      if (!(match[1] in context)) throw new Error(`${where}: {{.${match[1]}}} is not set (skaffold renders <no value>)`);
      return context[match[1]];
    }
    match = expression.match(/^default\s+"([^"]*)"\s+\.([A-Za-z_][A-Za-z0-9_]*)$/);
    if (match) return context[match[2]] || match[1];
    throw new Error(`${where}: template {{${expression}}} is beyond what this check understands`);
  });
}

function release(file, profile) {
  const config = withProfile(load(file), profile);
  const context = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('IMAGE_')) context[key] = value;
  for (const artifact of config.build?.artifacts ?? []) {
    const key = artifact.image.replace(/[^A-Za-z0-9]/g, '_');
    context[`IMAGE_REPO_${key}`] = artifact.image;
    context[`IMAGE_TAG_${key}`] = 'skaffold-test';
    context[`IMAGE_DIGEST_${key}`] = `sha256:${createHash('sha256').update(artifact.image).digest('hex')}`;
  }
  const helm = config.deploy?.helm?.releases?.[0];
  if (!helm) throw new Error('no deploy.helm.releases[0]');
  const lines = [helm.name, helm.chartPath];
  if (helm.namespace) lines.push(`--namespace=${helm.namespace}`);
  for (const values of helm.valuesFiles ?? []) lines.push(`--values=${values}`);
  for (const [key, value] of Object.entries(helm.setValues ?? {})) lines.push(`--set=${key}=${value}`);
  for (const [key, value] of Object.entries(helm.setValueTemplates ?? {})) lines.push(`--set=${key}=${fill(String(value), context, key)}`);
  for (const forward of config.portForward ?? []) lines.push(`# port-forward ${forward.resourceType}/${forward.resourceName} ${forward.port}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const [command, file, arg] = process.argv.slice(2);
try {
  if (command === 'schema') process.exitCode = schemaCheck(file, arg);
  else if (command === 'release') process.exitCode = release(file, arg);
  else throw new Error('usage: skaffold-check.mjs schema FILE SCHEMA_DIR | release FILE [PROFILE]');
} catch (error) {
  process.stderr.write(`skaffold-check: ${error.message}\n`);
  process.exitCode = 2;
}
