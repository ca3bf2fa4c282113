import { DEAD_LETTER_CATALOGUE, TOPIC_CATALOGUE, topicConfig } from '../catalogue';

export interface TopicManifestOptions {
  /** Left out, the broker's default.replication.factor applies (the Helm chart sets its own). */
  readonly replicationFactor?: number;
  readonly namespace?: string;
  /** The Strimzi Kafka cluster whose topic operator manages the topics (`strimzi.io/cluster`). */
  readonly clusterLabel?: string;
}

export interface KafkaTopicManifest {
  readonly apiVersion: 'kafka.strimzi.io/v1beta2';
  readonly kind: 'KafkaTopic';
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec: {
    readonly topicName: string;
    readonly partitions: number;
    readonly replicas?: number;
    readonly config: Record<string, string>;
  };
}

/**
 * A Strimzi KafkaTopic for every topic and dead-letter topic of the catalogue, so that a cluster
 * run by Strimzi provisions exactly what the services would create at boot. Topic names are valid
 * Kubernetes names, so each resource is named after its topic.
 */
export function buildTopicManifests(options: TopicManifestOptions = {}): KafkaTopicManifest[] {
  return [...TOPIC_CATALOGUE, ...DEAD_LETTER_CATALOGUE].map((topic) => ({
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: {
      name: topic.name,
      ...(options.namespace && { namespace: options.namespace }),
      ...(options.clusterLabel && { labels: { 'strimzi.io/cluster': options.clusterLabel } }),
    },
    spec: {
      topicName: topic.name,
      partitions: topic.partitions,
      ...(options.replicationFactor !== undefined && { replicas: options.replicationFactor }),
      config: topicConfig(topic),
    },
  }));
}
