import { Logger } from '@nestjs/common';
import { Kafka, type KafkaConfig, logLevel, type SASLOptions } from 'kafkajs';
import type { ServiceConfig } from '@cc/config';

export const KAFKA = Symbol('KAFKA');

const logger = new Logger('kafkajs');

/** kafkajs logs through the service's JSON logger instead of its own console format. */
function logCreator() {
  return ({ level, log }: { level: logLevel; log: { message: string; [key: string]: unknown } }) => {
    const { message, timestamp: _timestamp, logger: _source, ...meta } = log;
    if (level === logLevel.ERROR) logger.error(message, meta);
    else if (level === logLevel.WARN) logger.warn(message, meta);
    else logger.debug?.(message, meta);
  };
}

function sasl(config: ServiceConfig): SASLOptions | undefined {
  if (!config.KAFKA_SASL_MECHANISM || !config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD) return undefined;
  return {
    mechanism: config.KAFKA_SASL_MECHANISM,
    username: config.KAFKA_SASL_USERNAME,
    password: config.KAFKA_SASL_PASSWORD,
  } as SASLOptions;
}

export function kafkaClientConfig(config: ServiceConfig, overrides: Partial<KafkaConfig> = {}): KafkaConfig {
  return {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    ssl: config.KAFKA_SSL,
    sasl: sasl(config),
    logLevel: logLevel.WARN,
    logCreator,
    ...overrides,
  };
}

export function createKafka(config: ServiceConfig, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka(kafkaClientConfig(config, overrides));
}
