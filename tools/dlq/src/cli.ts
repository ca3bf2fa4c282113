import { createInterface } from 'node:readline';
import type { Admin, Kafka } from 'kafkajs';
import { ConfigError, type ServiceConfig } from '@cc/config';
import { type Command, parseCommand, USAGE } from './cli-args';
import { listDeadLetters } from './commands';
import { DeadLetterReader } from './dlq-reader';
import { DeadLetterReplayer, REPLAY_GROUP_ID, toReplay, unreplayable } from './dlq-replayer';
import { DlqError, ExitCode, UsageError } from './errors';
import { deadLetterJson, formatDeadLetter, formatListing, formatPlan, formatReplayResult, listingJson } from './format';
import { createKafka, loadToolConfig } from './kafka-client';
import { deadLetterAddress } from './replay-message';

interface Output {
  write(text: string): unknown;
}

/** Where the CLI reads and writes: the process's streams, or a test's. */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
}

export interface CliSettings {
  /** The group whose commits record what was replayed; tests use their own. */
  readonly replayGroupId?: string;
}

/** Runs one command line to completion and returns the exit code; never exits the process. */
export async function run(argv: readonly string[], io: CliIo, settings: CliSettings = {}): Promise<ExitCode> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`dlq: ${error.message}\n\n${USAGE}\n`);
    return error.exitCode;
  }
  if (command.name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }

  let config: ServiceConfig;
  try {
    config = loadToolConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`dlq: ${error.message}\n`);
    return ExitCode.failed;
  }

  const kafka = createKafka(config, io.stderr);
  const admin = kafka.admin();
  try {
    await admin.connect();
    const reader = new DeadLetterReader(kafka, admin, `${config.KAFKA_GROUP_ID}-reader`);
    return await execute(command, { kafka, admin, reader, io, replayGroupId: settings.replayGroupId ?? REPLAY_GROUP_ID });
  } catch (error) {
    if (error instanceof DlqError) {
      io.stderr.write(`dlq: ${error.message}\n`);
      return error.exitCode;
    }
    // kafkajs errors name the broker and the cause, never the SASL credentials.
    if (!(error instanceof Error) || !error.name.startsWith('KafkaJS')) throw error;
    io.stderr.write(`dlq: failed talking to Kafka at ${config.KAFKA_BROKERS.join(',')}: ${error.name}: ${error.message}\n`);
    return ExitCode.failed;
  } finally {
    await admin.disconnect();
  }
}

interface Context {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly reader: DeadLetterReader;
  readonly io: CliIo;
  readonly replayGroupId: string;
}

async function execute(
  command: Exclude<Command, { name: 'help' }>,
  { kafka, admin, reader, io, replayGroupId }: Context,
): Promise<ExitCode> {
  switch (command.name) {
    case 'list': {
      const listings = await listDeadLetters(reader, command.topics, command.limit);
      io.stdout.write(command.json ? listingJson(listings) : formatListing(listings));
      return ExitCode.ok;
    }
    case 'show': {
      const deadLetter = await reader.one(command.topic.name, command.partition, command.offset);
      io.stdout.write(command.json ? deadLetterJson(deadLetter) : formatDeadLetter(deadLetter));
      return ExitCode.ok;
    }
    case 'replay': {
      const replayer = new DeadLetterReplayer(kafka, admin, reader, replayGroupId);
      const plan = await replayer.plan(command.topic, command.selection);
      io.stdout.write(formatPlan(plan));
      const bad = unreplayable(plan).length;
      if (bad > 0) {
        throw new DlqError('DLQ.UNREPLAYABLE', `${bad} of the selected dead letters cannot be replayed (see above); nothing was replayed`);
      }
      if (command.dryRun) {
        io.stdout.write('dry run: nothing was replayed\n');
        return ExitCode.ok;
      }
      const count = toReplay(plan).length;
      if (count === 0) {
        io.stdout.write('nothing to replay\n');
        return ExitCode.ok;
      }
      if (!command.yes && !(await confirm(io, `Replay ${count} dead letter${count === 1 ? '' : 's'} to ${plan.topic.source}? [y/N] `))) {
        io.stderr.write('dlq: not confirmed; nothing was replayed\n');
        return ExitCode.failed;
      }
      const result = await replayer.replay(plan, (deadLetter) =>
        io.stdout.write(`replayed ${deadLetterAddress(deadLetter)} → ${plan.topic.source}\n`),
      );
      io.stdout.write(formatReplayResult(plan, result));
      return ExitCode.ok;
    }
  }
}

/** Asks on a terminal only: a script that wants to replay says --yes. */
async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.stdin.isTTY) {
    throw new DlqError(
      'DLQ.NOT_CONFIRMED',
      'not replaying without confirmation, and stdin is not a terminal to ask on: pass --yes to replay (or --dry-run to look only)',
      ExitCode.usage,
    );
  }
  io.stderr.write(question);
  const prompt = createInterface({ input: io.stdin, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      prompt.once('line', resolve);
      prompt.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
