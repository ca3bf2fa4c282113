import { Kafka, logLevel } from 'kafkajs';
import { ConfigError, loadConfig, serviceConfigSchema, type ServiceConfig } from '@cc/config';
import { kafkaClientConfig } from '@cc/messaging';
import { type Command, ExitCode, parseCommand, USAGE, UsageError } from './cli-args';
import { tailFeed } from './feed-tail';

interface Output {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Record<string, string | undefined>;
  /** Resolves on Ctrl-C or SIGTERM. */
  readonly interrupted: Promise<void>;
}

/** Runs one command line to completion and returns the exit code; never exits the process. */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`feed: ${error.message}\n\n${USAGE}\n`);
    return error.exitCode;
  }
  if (command.name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }

  let config: ServiceConfig;
  try {
    config = loadConfig(serviceConfigSchema('feed-tool', 0), { ...io.env, ...(command.brokers ? { KAFKA_BROKERS: command.brokers } : {}) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`feed: ${error.message}\n`);
    return ExitCode.failed;
  }
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  const kafka = new Kafka(
    kafkaClientConfig(config, {
      connectionTimeout: 5000,
      retry: { retries: 3 },
      logLevel: verbose ? logLevel.DEBUG : logLevel.NOTHING,
      logCreator: () => ({ namespace, label, log }) => {
        io.stderr.write(`kafkajs ${label} ${namespace}: ${log.message}\n`);
      },
    }),
  );
  try {
    await tailFeed(kafka, { topic: command.topic, fromBeginning: command.fromBeginning, limit: command.limit, interrupted: io.interrupted }, (line) =>
      io.stdout.write(`${line}\n`),
    );
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    io.stderr.write(`feed: failed reading ${command.topic} from ${config.KAFKA_BROKERS.join(',')}: ${error.message}\n`);
    return ExitCode.failed;
  }
}
