#!/usr/bin/env node
// Offline validation of Kubernetes manifests against the API's own schemas.
//
//   node helm/tools/kube-validate.mjs bundle --openapi <dir> [--crd <file.yaml>]... --out <bundle.json>
//       Converts the OpenAPI v3 documents that Kubernetes publishes (api/openapi-spec/v3 in the
//       k8s.io/kubernetes module) and CustomResourceDefinitions (their openAPIV3Schema) into one
//       JSON Schema bundle, strict: an object accepts only the fields its schema names, unless the
//       schema says x-kubernetes-preserve-unknown-fields.
//   node helm/tools/kube-validate.mjs validate --bundle <bundle.json>... <manifests.yaml>...
//       Validates every document (YAML 1.1 as Kubernetes reads it, duplicate keys refused) against
//       each bundle: kind known to that API version, schema (types, required fields, enums,
//       unknown fields, list-map keys unique: containers, env, ports, volumes...), then what the
//       API server checks beyond the schema (names, label syntax, selectors matching their pod
//       template, named ports) and what ties the documents together (a Service, HPA, PDB,
//       ServiceMonitor or NetworkPolicy selecting or naming something that is not there). Prints
//       one line per problem and exits 1 if there is any. CEL rules (x-kubernetes-validations)
//       and admission webhooks are not evaluated.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const fromRepo = (name) => require(require.resolve(name, { paths: [repo] }));
const YAML = fromRepo('yaml');

// --- bundle -----------------------------------------------------------------------------------

const K8S_REF = '#/components/schemas/';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** OpenAPI v3 (Kubernetes flavour) to JSON Schema draft-07, strict. */
function convert(node, refPrefix) {
  if (Array.isArray(node)) return node.map((item) => convert(item, refPrefix));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') out.$ref = value.startsWith(K8S_REF) ? `#/definitions/${value.slice(K8S_REF.length)}` : value;
    else if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema, refPrefix)]));
    } else if (['items', 'additionalProperties', 'not'].includes(key)) out[key] = typeof value === 'object' ? convert(value, refPrefix) : value;
    else if (['allOf', 'anyOf', 'oneOf'].includes(key)) out[key] = value.map((item) => convert(item, refPrefix));
    else if (['type', 'required', 'enum', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'multipleOf'].includes(key)) {
      out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node.nullable) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
  }
  if (out.format === 'int-or-string') delete out.format;
  const listType = node['x-kubernetes-list-type'];
  if (listType === 'map' && node['x-kubernetes-list-map-keys']) out['x-list-map-keys'] = node['x-kubernetes-list-map-keys'];
  if (listType === 'set') out.uniqueItems = true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (!preserve && out.additionalProperties === undefined && (out.type === 'object' || out.properties) && !out.anyOf && !out.oneOf) {
    out.additionalProperties = false;
  }
  return out;
}

function gvkKey({ group, version, kind }) {
  return `${group ? `${group}/` : ''}${version}/${kind}`;
}

function bundle(args) {
  const openapi = args.openapi?.[0];
  if (!openapi || !args.out?.[0]) throw new Error('bundle needs --openapi <dir> and --out <file>');
  const definitions = {};
  const kinds = {};
  for (const file of readdirSync(openapi).filter((name) => name.endsWith('.json'))) {
    const schemas = JSON.parse(readFileSync(join(openapi, file), 'utf8')).components?.schemas ?? {};
    for (const [name, schema] of Object.entries(schemas)) {
      definitions[name] ??= convert(schema);
      for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
        // A definition that lists several kinds (DeleteOptions, WatchEvent) is no resource.
        if ((schema['x-kubernetes-group-version-kind'] ?? []).length === 1 && schema.properties?.metadata) kinds[gvkKey(gvk)] ??= name;
      }
    }
  }
  if (!definitions[OBJECT_META]) throw new Error(`${openapi}: no ${OBJECT_META}: not a Kubernetes OpenAPI v3 directory`);
  for (const file of args.crd ?? []) {
    for (const doc of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const { group, names } = crd.spec;
      for (const version of crd.spec.versions.filter((v) => v.served !== false)) {
        const root = convert(version.schema.openAPIV3Schema);
        // The API server validates a custom resource's metadata as any object's.
        root.properties = { ...root.properties, metadata: { $ref: `#/definitions/${OBJECT_META}` } };
        root.required = [...new Set([...(root.required ?? []), 'apiVersion', 'kind', 'metadata'])];
        const name = `crd:${group}/${version.name}/${names.kind}`;
        definitions[name] = root;
        kinds[gvkKey({ group, version: version.name, kind: names.kind })] = name;
      }
    }
  }
  mkdirSync(dirname(args.out[0]), { recursive: true });
  writeFileSync(args.out[0], JSON.stringify({ definitions, kinds }));
  process.stdout.write(`${args.out[0]}: ${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions\n`);
}

// --- checks beyond the schema ------------------------------------------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function qualifiedKeyProblem(key) {
  const parts = key.split('/');
  if (parts.length > 2) return 'more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return `prefix "${prefix}" is not a DNS subdomain`;
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return `name "${name}" must be 63 characters or less, alphanumeric, "-", "_" or "." inside`;
  return undefined;
}

function checkLabels(labels, at, problems) {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem) problems.push(`${at}: label key "${key}": ${keyProblem}`);
    if (typeof value === 'string' && (value.length > 63 || !LABEL_VALUE.test(value))) problems.push(`${at}: label ${key}="${value}": value must be 63 characters or less, alphanumeric, "-", "_" or "." inside`);
  }
}

function checkMetadata(meta, at, problems, nameRule) {
  if (!meta) return;
  checkLabels(meta.labels, `${at}.labels`, problems);
  for (const key of Object.keys(meta.annotations ?? {})) {
    const problem = qualifiedKeyProblem(key);
    if (problem) problems.push(`${at}.annotations: key "${key}": ${problem}`);
  }
  if (nameRule && meta.name !== undefined) {
    const [pattern, max, what] = nameRule;
    if (meta.name.length > max || !pattern.test(meta.name)) problems.push(`${at}.name "${meta.name}": must be a ${what} (${max} characters at most)`);
  }
  if (meta.namespace !== undefined && (meta.namespace.length > 63 || !DNS1123_LABEL.test(meta.namespace))) problems.push(`${at}.namespace "${meta.namespace}": must be a DNS-1123 label`);
}

const POD_SPEC_PATHS = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function podTemplate(obj) {
  const path = POD_SPEC_PATHS[obj.kind];
  if (!path || obj.apiVersion?.startsWith('kafka.strimzi.io')) return undefined;
  let spec = obj;
  for (const key of path) spec = spec?.[key];
  const labels = obj.kind === 'Pod' ? obj.metadata?.labels : (obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template : obj.spec?.template)?.metadata?.labels;
  return spec ? { spec, labels: labels ?? {} } : undefined;
}

function checkPodSpec(spec, at, problems) {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const [index, container] of containers.entries()) {
    const where = `${at}.containers[${container.name ?? index}]`;
    if (container.name && !DNS1123_LABEL.test(container.name)) problems.push(`${where}: name must be a DNS-1123 label`);
    const portNames = new Set();
    for (const port of container.ports ?? []) {
      if (port.name === undefined) continue;
      if (port.name.length > 15 || !IANA_SVC_NAME.test(port.name)) problems.push(`${where}: port name "${port.name}" must be an IANA service name (15 characters at most, a letter, no "--")`);
      portNames.add(port.name);
    }
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const port = container[probe]?.httpGet?.port ?? container[probe]?.tcpSocket?.port;
      if (typeof port === 'string' && !portNames.has(port)) problems.push(`${where}.${probe}: port "${port}" is not a port name of the container`);
    }
    for (const mount of container.volumeMounts ?? []) {
      if (!(spec.volumes ?? []).some((volume) => volume.name === mount.name)) problems.push(`${where}: volumeMount "${mount.name}" names no volume of the pod`);
    }
  }
}

const matches = (selector, labels) => Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

function matchesSelector(selector, labels) {
  if (!selector) return false;
  if (!matches(selector.matchLabels, labels)) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels ?? {}, key);
    if (operator === 'In' && !(has && values.includes(labels[key]))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key])) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function crossChecks(docs) {
  const problems = [];
  const pods = docs.map(({ obj }) => ({ obj, template: podTemplate(obj) })).filter(({ template }) => template);
  const namespaceOf = (obj) => obj.metadata?.namespace ?? '';
  for (const { obj, at } of docs) {
    const ns = namespaceOf(obj);
    const podsHere = pods.filter((pod) => namespaceOf(pod.obj) === ns);
    if (obj.kind === 'Service' && obj.spec?.selector && obj.apiVersion === 'v1') {
      const selected = podsHere.filter((pod) => matches(obj.spec.selector, pod.template.labels));
      if (selected.length === 0) problems.push(`${at}: selector ${JSON.stringify(obj.spec.selector)} selects no pod template of these manifests`);
      for (const port of obj.spec.ports ?? []) {
        if (typeof port.targetPort !== 'string' || selected.length === 0) continue;
        const named = selected.some((pod) => (pod.template.spec.containers ?? []).some((c) => (c.ports ?? []).some((p) => p.name === port.targetPort)));
        if (!named) problems.push(`${at}: targetPort "${port.targetPort}" is no container port name of the pods it selects`);
      }
    }
    if (obj.kind === 'HorizontalPodAutoscaler') {
      const ref = obj.spec?.scaleTargetRef ?? {};
      if (!docs.some(({ obj: other }) => other.kind === ref.kind && other.metadata?.name === ref.name && namespaceOf(other) === ns)) problems.push(`${at}: scaleTargetRef ${ref.kind}/${ref.name} is not among these manifests`);
    }
    if (obj.kind === 'PodDisruptionBudget' && !podsHere.some((pod) => matchesSelector(obj.spec?.selector, pod.template.labels))) {
      problems.push(`${at}: selector selects no pod template of these manifests`);
    }
    if (obj.kind === 'NetworkPolicy' && obj.apiVersion === 'networking.k8s.io/v1') {
      const selected = podsHere.filter((pod) => matchesSelector(obj.spec?.podSelector, pod.template.labels));
      if (Object.keys(obj.spec?.podSelector ?? {}).length > 0 && selected.length === 0) problems.push(`${at}: podSelector selects no pod template of these manifests`);
      for (const rule of obj.spec?.ingress ?? []) {
        for (const port of rule.ports ?? []) {
          if (typeof port.port !== 'string') continue;
          const named = selected.some((pod) => (pod.template.spec.containers ?? []).some((c) => (c.ports ?? []).some((p) => p.name === port.port)));
          if (!named) problems.push(`${at}: ingress port "${port.port}" is no container port name of the pods it selects`);
        }
      }
    }
    if (obj.kind === 'ServiceMonitor') {
      const namespaces = obj.spec?.namespaceSelector?.matchNames ?? [ns];
      const services = docs.filter(({ obj: svc }) => svc.kind === 'Service' && namespaces.includes(namespaceOf(svc)) && matchesSelector(obj.spec?.selector, svc.metadata?.labels));
      if (services.length === 0) problems.push(`${at}: selector selects no Service of these manifests`);
      for (const endpoint of obj.spec?.endpoints ?? []) {
        if (endpoint.port && services.length > 0 && !services.some(({ obj: svc }) => (svc.spec?.ports ?? []).some((p) => p.name === endpoint.port))) {
          problems.push(`${at}: endpoint port "${endpoint.port}" is no port name of the Services it selects`);
        }
      }
    }
  }
  return problems;
}

// --- validate ------------------------------------------------------------------------------------

function dropNulls(value) {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
}

function makeValidator(bundlePath) {
  const Ajv = fromRepo('ajv');
  const ajv = new Ajv({ allErrors: true, jsonPointers: true, unknownFormats: 'ignore', validateSchema: false, logger: false });
  const inRange = (min, max) => (value) => Number.isInteger(value) && value >= min && value <= max;
  ajv.addFormat('int32', { type: 'number', validate: inRange(-(2 ** 31), 2 ** 31 - 1) });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('int64', { type: 'number', validate: inRange(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) });
  ajv.addKeyword('x-list-map-keys', {
    type: 'array',
    errors: true,
    validate: function listMapKeys(keys, data) {
      const seen = new Set();
      for (const item of data) {
        if (item === null || typeof item !== 'object') continue;
        const id = keys.map((key) => item[key] ?? (key === 'protocol' ? 'TCP' : '')).join('\u0000');
        if (seen.has(id)) {
          listMapKeys.errors = [{ keyword: 'x-list-map-keys', params: {}, message: `two entries share ${keys.map((key) => `${key}=${item[key] ?? '(default)'}`).join(', ')}` }];
          return false;
        }
        seen.add(id);
      }
      return true;
    },
  });
  const loaded = JSON.parse(readFileSync(bundlePath, 'utf8'));
  ajv.addSchema({ definitions: loaded.definitions }, 'k8s');
  const cache = new Map();
  return {
    name: basename(bundlePath, '.json'),
    validate(obj) {
      const [group, version] = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
      const key = gvkKey({ group, version, kind: obj.kind });
      const definition = loaded.kinds[key];
      if (!definition) return [`no such kind in this API: ${obj.apiVersion} ${obj.kind}`];
      const pointer = definition.replace(/~/g, '~0').replace(/\//g, '~1');
      if (!cache.has(definition)) cache.set(definition, ajv.getSchema(`k8s#/definitions/${pointer}`));
      const check = cache.get(definition);
      if (check(obj)) return [];
      return check.errors
        .filter((error) => !['anyOf', 'oneOf', 'if'].includes(error.keyword) || check.errors.length === 1)
        .map((error) => {
          const extra = error.keyword === 'additionalProperties' ? ` "${error.params.additionalProperty}"` : error.keyword === 'enum' ? ` (${error.params.allowedValues.join(', ')})` : '';
          return `${error.dataPath || '/'}: ${error.message}${extra}`;
        });
    },
  };
}

function loadDocs(file) {
  const problems = [];
  const docs = [];
  const parsed = YAML.parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1', uniqueKeys: true, prettyErrors: false });
  for (const [index, doc] of parsed.entries()) {
    for (const error of doc.errors) problems.push(`${file}: document ${index + 1}: YAML: ${error.message.split('\n')[0]}`);
    if (doc.errors.length > 0) continue;
    const value = dropNulls(doc.toJS({ maxAliasCount: 100 }));
    if (value === null || value === undefined) continue;
    const items = value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    for (const obj of items) {
      if (typeof obj !== 'object' || !obj.apiVersion || !obj.kind) {
        problems.push(`${file}: document ${index + 1}: not a Kubernetes object (apiVersion and kind)`);
        continue;
      }
      docs.push({ obj, at: `${file}: ${obj.kind}/${obj.metadata?.name ?? '?'}` });
    }
  }
  return { docs, problems };
}

function validate(args) {
  const bundles = (args.bundle ?? []).map(makeValidator);
  if (bundles.length === 0 || args._.length === 0) throw new Error('validate needs --bundle <file> and manifest files');
  let problems = [];
  let count = 0;
  for (const file of args._) {
    const { docs, problems: parseProblems } = loadDocs(file);
    problems.push(...parseProblems);
    for (const { obj, at } of docs) {
      count += 1;
      const schemaProblems = new Map();
      for (const bundled of bundles) {
        for (const problem of bundled.validate(obj)) schemaProblems.set(problem, [...(schemaProblems.get(problem) ?? []), bundled.name]);
      }
      for (const [problem, where] of schemaProblems) problems.push(`${at}: ${problem}${bundles.length > 1 ? ` [${where.join(', ')}]` : ''}`);
      const semantic = [];
      const nameRule = obj.kind === 'Service' ? [DNS1035_LABEL, 63, 'DNS-1035 label'] : obj.kind === 'Namespace' ? [DNS1123_LABEL, 63, 'DNS-1123 label'] : [DNS1123_SUBDOMAIN, 253, 'DNS-1123 subdomain'];
      checkMetadata(obj.metadata, 'metadata', semantic, nameRule);
      const template = podTemplate(obj);
      if (template) {
        if (obj.kind !== 'Pod') checkMetadata(obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.metadata : obj.spec.template.metadata, 'template.metadata', semantic);
        checkPodSpec(template.spec, 'pod', semantic);
        const selector = obj.kind === 'CronJob' ? undefined : obj.spec?.selector;
        if (selector && obj.kind !== 'Pod' && !matchesSelector(selector, template.labels)) semantic.push('spec.selector does not match the pod template labels');
      }
      for (const selector of [obj.spec?.selector?.matchLabels, obj.spec?.podSelector?.matchLabels].filter(Boolean)) checkLabels(selector, 'selector', semantic);
      problems.push(...semantic.map((problem) => `${at}: ${problem}`));
    }
    problems.push(...crossChecks(docs));
  }
  problems = [...new Set(problems)];
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  process.stdout.write(`${count} objects, ${problems.length} problems (${bundles.map((b) => b.name).join(', ')})\n`);
  return problems.length === 0 ? 0 : 1;
}

function parseArgs(argv) {
  const args = { _: [] };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i].startsWith('--')) (args[argv[i].slice(2)] ??= []).push(argv[(i += 1)]);
    else args._.push(argv[i]);
  }
  return args;
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'bundle') bundle(parseArgs(rest));
  else if (command === 'validate') process.exitCode = validate(parseArgs(rest));
  else throw new Error('usage: kube-validate.mjs bundle --openapi DIR [--crd FILE]... --out FILE | validate --bundle FILE... MANIFEST...');
} catch (error) {
  process.stderr.write(`kube-validate: ${error.message}\n`);
  process.exitCode = 2;
}
