#!/usr/bin/env node
// What the chart must agree with, read from the source code rather than written down twice, and
// the checks of a rendered release against it. Used by helm/test.sh.
//
//   node helm/tools/chart-facts.mjs facts
//       services (services/*/src/main.ts) with their default PORT (serviceConfigSchema(name, port)),
//       the GET routes each serves (@Controller/@Get in its own code and in libs/platform and
//       libs/observability, which every service mounts through PlatformModule), the topic
//       catalogue (libs/contracts TOPIC_CATALOGUE + DEAD_LETTER_CATALOGUE) and SECRET_KEYS
//       (libs/config), as JSON.
//   node helm/tools/chart-facts.mjs secret-keys
//   node helm/tools/chart-facts.mjs check-services <render.yaml> [--facts <facts.json>]
//   node helm/tools/chart-facts.mjs check-probes <render.yaml> [--facts <facts.json>]
//   node helm/tools/chart-facts.mjs check-topics <render.yaml> --replicas N --expect kafkatopics|job|none
//   node helm/tools/chart-facts.mjs check-secrets <render.yaml> [--require ENV=<Secret>/<key>]...
//       no SECRET_KEYS variable anywhere as a plain value (container env value, ConfigMap data);
//       with --require, every Deployment's container reads ENV from that Secret's key.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const fromRepo = (name) => require(require.resolve(name, { paths: [repo] }));

// --- reading TypeScript sources ---------------------------------------------------------------

/** Lets require() load the project's .ts files, compiled by swc as the tests are. */
function registerTypeScript() {
  const swc = fromRepo('@swc/core');
  Module._extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      swcrc: false,
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022', transform: { legacyDecorator: true } },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** GET routes of every @Controller class under dir: '/' + controller path + method path. */
function getRoutes(dir) {
  const ts = fromRepo('typescript');
  const routes = [];
  const literal = (node) => {
    if (!node) return '';
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isObjectLiteralExpression(node)) {
      const path = node.properties.find((p) => p.name?.text === 'path');
      return path ? literal(path.initializer) : '';
    }
    return undefined;
  };
  const decorator = (node, names) => {
    for (const d of ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []) {
      if (ts.isCallExpression(d.expression) && names.includes(d.expression.expression.getText())) return d.expression;
    }
    return undefined;
  };
  for (const file of walk(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isClassDeclaration(node)) {
        const controller = decorator(node, ['Controller']);
        if (controller) {
          const base = literal(controller.arguments[0]);
          for (const member of node.members) {
            const get = decorator(member, ['Get']);
            if (!get) continue;
            const path = literal(get.arguments[0]);
            if (base === undefined || path === undefined) continue;
            routes.push({ path: `/${[base, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/'), file: relative(repo, file) });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return routes;
}

function facts() {
  registerTypeScript();
  const platformRoutes = ['libs/platform/src', 'libs/observability/src'].flatMap((dir) => getRoutes(join(repo, dir)));
  const services = {};
  for (const name of readdirSync(join(repo, 'services')).sort()) {
    const src = join(repo, 'services', name, 'src');
    if (!existsSync(join(src, 'main.ts'))) continue;
    const configs = existsSync(join(src, 'config')) ? walk(join(src, 'config')) : [];
    const port = configs.map((file) => readFileSync(file, 'utf8').match(/serviceConfigSchema\(\s*'([a-z-]+)'\s*,\s*(\d+)\s*\)/)).find(Boolean);
    const appModule = existsSync(join(src, 'app.module.ts')) ? readFileSync(join(src, 'app.module.ts'), 'utf8') : '';
    const platform = /\bPlatformModule\.forRoot\(/.test(appModule);
    services[name] = {
      defaultPort: port && port[1] === name ? Number(port[2]) : undefined,
      mountsPlatform: platform,
      getRoutes: [...(platform ? platformRoutes : []), ...getRoutes(src)],
    };
  }
  const contracts = require(join(repo, 'libs/contracts/src/catalogue.ts'));
  const topics = [...contracts.TOPIC_CATALOGUE, ...contracts.DEAD_LETTER_CATALOGUE].map((topic) => ({
    name: topic.name,
    partitions: topic.partitions,
    config: contracts.topicConfig(topic),
  }));
  const { SECRET_KEYS } = require(join(repo, 'libs/config/src/service-config.schema.ts'));
  return { services, topics, secretKeys: [...SECRET_KEYS].sort() };
}

// --- checks of a rendered release ---------------------------------------------------------------

function loadRender(file) {
  const YAML = fromRepo('yaml');
  return YAML.parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' })
    .map((doc) => doc.toJS())
    .filter((obj) => obj && obj.kind);
}

const component = (obj) => obj.metadata?.labels?.['app.kubernetes.io/component'];

function checkServices(file, known) {
  const objs = loadRender(file);
  const problems = [];
  const deployments = new Map(objs.filter((o) => o.kind === 'Deployment').map((o) => [component(o), o]));
  const services = new Map(objs.filter((o) => o.kind === 'Service').map((o) => [component(o), o]));
  for (const [name, svc] of Object.entries(known.services)) {
    if (svc.defaultPort === undefined) problems.push(`services/${name}: no serviceConfigSchema('${name}', <port>) in its config/: cannot tell its port`);
    const deployment = deployments.get(name);
    if (!deployment) {
      problems.push(`services/${name}: no Deployment with app.kubernetes.io/component=${name} in the chart`);
      continue;
    }
    const container = deployment.spec.template.spec.containers.find((c) => c.name === name);
    const port = Number(container?.env?.find((e) => e.name === 'PORT')?.value);
    if (port !== svc.defaultPort) problems.push(`services/${name}: the chart runs it on PORT ${port}, its config defaults to ${svc.defaultPort}`);
    if (container?.ports?.[0]?.containerPort !== port) problems.push(`services/${name}: containerPort ${container?.ports?.[0]?.containerPort} differs from PORT ${port}`);
    if (!services.get(name)) problems.push(`services/${name}: no Service in the chart`);
  }
  for (const name of deployments.keys()) {
    if (!known.services[name]) problems.push(`chart: Deployment for "${name}", which is not a service in services/`);
  }
  return problems;
}

function checkProbes(file, known) {
  const objs = loadRender(file);
  const problems = [];
  let checked = 0;
  const serves = (name, path) => (known.services[name]?.getRoutes ?? []).some((route) => route.path === path);
  for (const deployment of objs.filter((o) => o.kind === 'Deployment')) {
    const name = component(deployment);
    const template = deployment.spec.template;
    for (const container of template.spec.containers) {
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const path = container[probe]?.httpGet?.path;
        if (path === undefined) {
          problems.push(`${name}: ${probe} is not an HTTP GET probe`);
          continue;
        }
        checked += 1;
        if (!serves(name, path)) problems.push(`${name}: ${probe} GET ${path}, which services/${name} does not serve`);
      }
    }
    const scrape = template.metadata?.annotations?.['prometheus.io/path'];
    if (scrape !== undefined && (checked += 1) && !serves(name, scrape)) problems.push(`${name}: prometheus.io/path ${scrape}, which it does not serve`);
  }
  for (const monitor of objs.filter((o) => o.kind === 'ServiceMonitor')) {
    for (const endpoint of monitor.spec.endpoints) {
      checked += 1;
      if (!serves(component(monitor), endpoint.path)) problems.push(`ServiceMonitor ${monitor.metadata.name}: path ${endpoint.path}, which ${component(monitor)} does not serve`);
    }
  }
  for (const pod of objs.filter((o) => o.kind === 'Pod' && o.metadata?.annotations?.['helm.sh/hook'] === 'test')) {
    for (const url of pod.spec.containers.flatMap((c) => c.args ?? []).filter((arg) => /^https?:\/\//.test(arg))) {
      const { hostname, port, pathname } = new URL(url);
      const service = objs.find((o) => o.kind === 'Service' && o.metadata.name === hostname);
      checked += 1;
      if (!service) problems.push(`helm test: ${url}: no Service ${hostname}`);
      else if (!service.spec.ports.some((p) => String(p.port) === port)) problems.push(`helm test: ${url}: Service ${hostname} has no port ${port}`);
      else if (!serves(component(service), pathname)) problems.push(`helm test: ${url}: ${component(service)} does not serve GET ${pathname}`);
    }
  }
  if (checked === 0) problems.push('no probe found');
  return { problems, checked };
}

function checkTopics(file, known, replicas, expect) {
  const objs = loadRender(file);
  const want = known.topics
    .map((t) => JSON.stringify({ name: t.name, partitions: t.partitions, replicas, config: t.config }))
    .sort();
  const problems = [];
  const compare = (what, got) => {
    const have = got.map((t) => JSON.stringify(t)).sort();
    for (const topic of want.filter((t) => !have.includes(t))) problems.push(`${what}: missing or different: ${topic}`);
    for (const topic of have.filter((t) => !want.includes(t))) problems.push(`${what}: not in the catalogue: ${topic}`);
  };
  const kafkaTopics = objs.filter((o) => o.kind === 'KafkaTopic');
  const jobConfig = objs.find((o) => o.kind === 'ConfigMap' && o.data?.['topics.json']);
  if (expect === 'kafkatopics' || kafkaTopics.length > 0) {
    compare(
      'KafkaTopics',
      kafkaTopics.map((t) => ({ name: t.spec.topicName ?? t.metadata.name, partitions: t.spec.partitions, replicas: t.spec.replicas, config: t.spec.config })),
    );
  }
  if (expect === 'job' || jobConfig) {
    if (!jobConfig) problems.push('topic Job: no ConfigMap with topics.json');
    else compare('topic Job', JSON.parse(jobConfig.data['topics.json']).map((t) => ({ name: t.name, partitions: t.partitions, replicas: t.replicationFactor, config: t.config })));
  }
  if (expect === 'none' && (kafkaTopics.length > 0 || jobConfig)) problems.push('topics are provisioned by the chart, expected none');
  if (expect === 'kafkatopics' && kafkaTopics.length === 0) problems.push('no KafkaTopic rendered');
  return problems;
}

/** Containers of every workload and pod of the render: [where, container]. */
function containersOf(objs) {
  const out = [];
  for (const obj of objs) {
    const spec = obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec ?? obj.spec?.jobTemplate?.spec?.template?.spec;
    for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) out.push([`${obj.kind}/${obj.metadata?.name}`, obj, container]);
  }
  return out;
}

function checkSecrets(file, known, required) {
  const objs = loadRender(file);
  const problems = [];
  const secret = new Set(known.secretKeys);
  let byReference = 0;
  for (const [where, , container] of containersOf(objs)) {
    for (const env of container.env ?? []) {
      if (!secret.has(env.name)) continue;
      if ('value' in env || !env.valueFrom?.secretKeyRef) problems.push(`${where}: ${env.name} is a secret of libs/config, set here other than from a secretKeyRef`);
      else byReference += 1;
    }
  }
  for (const map of objs.filter((o) => o.kind === 'ConfigMap')) {
    for (const key of Object.keys(map.data ?? {}).filter((key) => secret.has(key))) problems.push(`ConfigMap/${map.metadata.name}: ${key} as a plain value`);
  }
  for (const requirement of required) {
    const match = /^([A-Z0-9_]+)=([^/]+)\/(.+)$/.exec(requirement);
    if (!match) throw new Error(`--require ${requirement}: expected ENV=<Secret>/<key>`);
    const [, name, secretName, key] = match;
    const deployments = objs.filter((o) => o.kind === 'Deployment');
    if (deployments.length === 0) problems.push(`${name}: no Deployment rendered`);
    for (const deployment of deployments) {
      for (const container of deployment.spec.template.spec.containers) {
        const entries = (container.env ?? []).filter((e) => e.name === name);
        const ref = entries[0]?.valueFrom?.secretKeyRef;
        const where = `Deployment/${deployment.metadata.name} container ${container.name}`;
        if (entries.length !== 1) problems.push(`${where}: ${entries.length} ${name} entries, expected one`);
        else if (!ref || ref.name !== secretName || ref.key !== key || ref.optional) problems.push(`${where}: ${name} is not secretKeyRef ${secretName}/${key} (got ${JSON.stringify(entries[0])})`);
      }
    }
  }
  return { problems, byReference };
}

// --- main -----------------------------------------------------------------------------------

function option(args, name) {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

const [command, ...args] = process.argv.slice(2);
/** --facts FILE: the output of `facts`, computed once for many checks. */
const known = () => (option(args, 'facts') ? JSON.parse(readFileSync(option(args, 'facts'), 'utf8')) : facts());
const report = (problems, summary) => {
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  if (problems.length === 0 && summary) process.stdout.write(`${summary}\n`);
  return problems.length === 0 ? 0 : 1;
};
try {
  if (command === 'facts') process.stdout.write(`${JSON.stringify(facts(), null, 2)}\n`);
  else if (command === 'secret-keys') process.stdout.write(`${known().secretKeys.join('\n')}\n`);
  else if (command === 'check-services') {
    const facts = known();
    process.exitCode = report(checkServices(args[0], facts), `${Object.keys(facts.services).join(', ')}: in the chart, on their own ports`);
  } else if (command === 'check-probes') {
    const { problems, checked } = checkProbes(args[0], known());
    process.exitCode = report(problems, `${checked} probe and scrape paths served`);
  } else if (command === 'check-topics') {
    const facts = known();
    const expect = option(args, 'expect');
    const summary = expect === 'none' ? 'no topics provisioned by the chart (the services create them)' : `${facts.topics.length} catalogue topics provisioned`;
    process.exitCode = report(checkTopics(args[0], facts, Number(option(args, 'replicas')), expect), summary);
  } else if (command === 'check-secrets') {
    const required = args.flatMap((arg, index) => (args[index - 1] === '--require' ? [arg] : []));
    const { problems, byReference } = checkSecrets(args[0], known(), required);
    const what = required.length ? `${required.map((r) => r.split('=')[0]).join(', ')} in every Deployment; ` : '';
    process.exitCode = report(problems, `${what}${byReference} secret variables by secretKeyRef, none as a plain value`);
  } else {
    throw new Error('usage: chart-facts.mjs facts | secret-keys | check-services|check-probes|check-secrets FILE | check-topics FILE --replicas N --expect kafkatopics|job|none');
  }
} catch (error) {
  process.stderr.write(`chart-facts: ${error.stack ?? error}\n`);
  process.exitCode = 2;
}
