import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { type GeneratedFile, repoRoot, writeOrCheck } from './generated-file';
import { buildTopicManifests, type KafkaTopicManifest } from './topics-export';

const USAGE = `usage:
  node dist/libs/contracts/src/export/cli.js [--format yaml|json] [--replication-factor N] [--namespace NS] [--cluster NAME]
      print a Strimzi KafkaTopic for every topic and dead-letter topic of the catalogue
  node dist/libs/contracts/src/export/cli.js write|check
      write, or check that it is current, the Helm chart's copy: helm/connect-center/files/topics.json
`;

/** One JSON `List`, which `kubectl apply -f` takes as it takes YAML documents. */
export function manifestsJson(manifests: readonly KafkaTopicManifest[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }, null, 2)}\n`;
}

export function manifestsYaml(manifests: readonly KafkaTopicManifest[]): string {
  return manifests.map((manifest) => `---\n${stringify(manifest, { version: '1.1', lineWidth: 0 })}`).join('');
}

/** No replicas, namespace or cluster label: the chart sets them from its values. */
export function helmTopicsFile(): GeneratedFile {
  return {
    path: 'helm/connect-center/files/topics.json',
    content: manifestsJson(buildTopicManifests()),
    regenerate: 'npm run topics:write',
  };
}

function print(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'yaml' },
      'replication-factor': { type: 'string' },
      namespace: { type: 'string' },
      cluster: { type: 'string' },
    },
  });
  const replicas = values['replication-factor'];
  if ((values.format !== 'yaml' && values.format !== 'json') || (replicas !== undefined && !/^[1-9][0-9]*$/.test(replicas))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const manifests = buildTopicManifests({
    replicationFactor: replicas === undefined ? undefined : Number(replicas),
    namespace: values.namespace,
    clusterLabel: values.cluster,
  });
  process.stdout.write(values.format === 'json' ? manifestsJson(manifests) : manifestsYaml(manifests));
  return 0;
}

function main(args: string[]): number {
  const [mode] = args;
  if (mode === 'write' || mode === 'check') return writeOrCheck(mode, repoRoot(), helmTopicsFile());
  try {
    return print(args);
  } catch (error) {
    // parseArgs rejects unknown options and missing option values.
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
