import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEAD_LETTER_CATALOGUE, TOPIC_CATALOGUE, topicConfig } from '../catalogue';
import { helmTopicsFile, manifestsYaml } from './cli';
import { repoRoot } from './generated-file';
import { buildTopicManifests } from './topics-export';

const ALL = [...TOPIC_CATALOGUE, ...DEAD_LETTER_CATALOGUE];
// metadata.name must be a DNS-1123 subdomain.
const KUBERNETES_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe(buildTopicManifests.name, () => {
  it('gives every topic and dead-letter topic a KafkaTopic with the catalogue’s partitions and config', () => {
    const sut = buildTopicManifests({ replicationFactor: 3 });
    expect(sut.map((manifest) => manifest.spec.topicName)).toEqual(ALL.map((topic) => topic.name));
    for (const [index, topic] of ALL.entries()) {
      expect(sut[index]).toEqual({
        apiVersion: 'kafka.strimzi.io/v1beta2',
        kind: 'KafkaTopic',
        metadata: { name: topic.name },
        spec: { topicName: topic.name, partitions: topic.partitions, replicas: 3, config: topicConfig(topic) },
      });
    }
  });

  it('names each resource after its topic, which must therefore be a valid Kubernetes name', () => {
    for (const manifest of buildTopicManifests()) {
      expect(manifest.metadata.name).toMatch(KUBERNETES_NAME);
      expect(manifest.metadata.name).toBe(manifest.spec.topicName);
    }
  });

  it('adds namespace and cluster label when given, and leaves replicas to the broker when not', () => {
    const [sut] = buildTopicManifests({ namespace: 'kafka', clusterLabel: 'connect' });
    expect(sut.metadata).toEqual({ name: ALL[0].name, namespace: 'kafka', labels: { 'strimzi.io/cluster': 'connect' } });
    expect(sut.spec).not.toHaveProperty('replicas');
  });
});

describe(helmTopicsFile.name, () => {
  it('is checked in as the Helm chart’s files/topics.json (npm run topics:write)', () => {
    const sut = helmTopicsFile();
    expect(readFileSync(join(repoRoot(), sut.path), 'utf8')).toBe(sut.content);
  });

  it('leaves replicas, namespace and cluster label to the chart', () => {
    const { items } = JSON.parse(helmTopicsFile().content) as { items: unknown[] };
    expect(items).toEqual(buildTopicManifests());
  });
});

describe(manifestsYaml.name, () => {
  it('prints one YAML document per topic that reads back as the manifests', () => {
    const manifests = buildTopicManifests({ replicationFactor: 3, clusterLabel: 'connect' });
    const sut = parseAllDocuments(manifestsYaml(manifests));
    expect(sut.map((document) => document.toJS())).toEqual(manifests);
  });
});
