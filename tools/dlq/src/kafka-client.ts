import { Kafka, type KafkaConfig, logLevel, type SASLOptions } from 'kafkajs';
import { loadConfig, serviceConfigSchema, type ServiceConfig } from '@cc/config';

export const TOOL_NAME = 'dlq-tool';

/** The services' Kafka settings (brokers, TLS, SASL) under the tool's own client id; it serves no HTTP. */
export function loadToolConfig(env: Record<string, string | undefined>): ServiceConfig {
  return loadConfig(serviceConfigSchema(TOOL_NAME, 0), env);
}

/**
 * kafkajs without Nest: the messaging library's factory logs through Nest's logger. kafkajs logs
 * only at LOG_LEVEL debug or trace, to stderr; failures reach the operator as the command's error.
 */
export function createKafka(config: ServiceConfig, stderr: { write(text: string): unknown }): Kafka {
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  const kafkaConfig: KafkaConfig = {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    ssl: config.KAFKA_SSL,
    sasl: sasl(config),
    connectionTimeout: 5000,
    retry: { retries: 3 },
    logLevel: verbose ? logLevel.DEBUG : logLevel.NOTHING,
    logCreator: () => ({ namespace, label, log }) => {
      stderr.write(`kafkajs ${label} ${namespace}: ${log.message}\n`);
    },
  };
  return new Kafka(kafkaConfig);
}

function sasl(config: ServiceConfig): SASLOptions | undefined {
  if (!config.KAFKA_SASL_MECHANISM || !config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD) return undefined;
  return {
    mechanism: config.KAFKA_SASL_MECHANISM,
    username: config.KAFKA_SASL_USERNAME,
    password: config.KAFKA_SASL_PASSWORD,
  } as SASLOptions;
}
