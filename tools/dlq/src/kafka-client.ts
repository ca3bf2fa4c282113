import { Kafka, logLevel } from 'kafkajs';
import { loadConfig, serviceConfigSchema, type ServiceConfig } from '@cc/config';
import { kafkaClientConfig } from '@cc/messaging';

export const TOOL_NAME = 'dlq-tool';

/** The services' Kafka settings (brokers, TLS, SASL) under the tool's own client id; it serves no HTTP. */
export function loadToolConfig(env: Record<string, string | undefined>): ServiceConfig {
  return loadConfig(serviceConfigSchema(TOOL_NAME, 0), env);
}

/**
 * The services' connection settings, with kafkajs logging to stderr instead of the services' JSON
 * logger, and only at LOG_LEVEL debug or trace: failures reach the operator as the command's error.
 */
export function createKafka(config: ServiceConfig, stderr: { write(text: string): unknown }): Kafka {
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  return new Kafka(
    kafkaClientConfig(config, {
      connectionTimeout: 5000,
      retry: { retries: 3 },
      logLevel: verbose ? logLevel.DEBUG : logLevel.NOTHING,
      logCreator: () => ({ namespace, label, log }) => {
        stderr.write(`kafkajs ${label} ${namespace}: ${log.message}\n`);
      },
    }),
  );
}
