import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEAD_LETTER_CATALOGUE, type DeadLetterTopicDefinition } from '@cc/contracts';
import { UsageError } from './errors';

export const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 10000;
const MAX_PARTITION = 2 ** 31 - 1;

/** Which dead letters of one DLQ topic to replay; offsets are inclusive. */
export type ReplaySelection =
  | { readonly kind: 'offset'; readonly partition: number; readonly offset: number }
  | { readonly kind: 'range'; readonly partition: number; readonly from: number; readonly to: number }
  /** Every partition unless one is named. */
  | { readonly kind: 'all'; readonly partition?: number };

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'list'; readonly topics: readonly DeadLetterTopicDefinition[]; readonly limit: number; readonly json: boolean }
  | {
      readonly name: 'show';
      readonly topic: DeadLetterTopicDefinition;
      readonly partition: number;
      readonly offset: number;
      readonly json: boolean;
    }
  | {
      readonly name: 'replay';
      readonly topic: DeadLetterTopicDefinition;
      readonly selection: ReplaySelection;
      readonly dryRun: boolean;
      readonly yes: boolean;
    };

export const USAGE = `Usage: dlq <command> [options]

Commands:
  list [--topic <dlq-topic>] [--limit N] [--json]
      How many dead letters each DLQ topic holds, and the most recent N (default ${DEFAULT_LIST_LIMIT}).
  show <dlq-topic> <offset> [--partition P] [--json]
      One dead letter in full: headers, key and value.
  replay <dlq-topic> (--offset N | --from N --to M | --all) [--partition P] [--dry-run] [--yes]
      Re-publishes dead letters to the topic they came from, each at most once.
      --offset and --from/--to read partition 0 unless --partition is given; --all reads every partition.
      Without --yes (and not --dry-run) asks for confirmation on a terminal and refuses otherwise.

Connection: KAFKA_BROKERS (default 127.0.0.1:29092), KAFKA_SSL and KAFKA_SASL_* as for the services.
Exit codes: 0 done, 1 failed, 2 wrong command line.`;

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
      throw new UsageError('no command given; expected list, show or replay');
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'list':
      return parseList(rest);
    case 'show':
      return parseShow(rest);
    case 'replay':
      return parseReplay(rest);
    default:
      throw new UsageError(`unknown command "${name}"; expected list, show or replay`);
  }
}

function parseList(args: readonly string[]): Command {
  const { values, positionals } = parse('list', args, {
    topic: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  expectPositionals('list', positionals, []);
  return {
    name: 'list',
    topics: values.topic === undefined ? DEAD_LETTER_CATALOGUE : [deadLetterTopicNamed(values.topic)],
    limit: values.limit === undefined ? DEFAULT_LIST_LIMIT : wholeNumber('--limit', values.limit, MAX_LIST_LIMIT),
    json: values.json === true,
  };
}

function parseShow(args: readonly string[]): Command {
  const { values, positionals } = parse('show', args, { partition: { type: 'string' }, json: { type: 'boolean' } });
  const [topic, offset] = expectPositionals('show', positionals, ['<dlq-topic>', '<offset>']);
  return {
    name: 'show',
    topic: deadLetterTopicNamed(topic),
    partition: values.partition === undefined ? 0 : wholeNumber('--partition', values.partition, MAX_PARTITION),
    offset: wholeNumber('<offset>', offset),
    json: values.json === true,
  };
}

function parseReplay(args: readonly string[]): Command {
  const { values, positionals } = parse('replay', args, {
    offset: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    all: { type: 'boolean' },
    partition: { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean' },
  });
  const [topic] = expectPositionals('replay', positionals, ['<dlq-topic>']);
  const partition = values.partition === undefined ? undefined : wholeNumber('--partition', values.partition, MAX_PARTITION);
  const chosen = [values.offset !== undefined, values.from !== undefined || values.to !== undefined, values.all === true];
  if (chosen.filter(Boolean).length !== 1) {
    throw new UsageError('replay needs exactly one of --offset N, --from N --to M, or --all');
  }
  let selection: ReplaySelection;
  if (values.offset !== undefined) {
    selection = { kind: 'offset', partition: partition ?? 0, offset: wholeNumber('--offset', values.offset) };
  } else if (values.all === true) {
    selection = partition === undefined ? { kind: 'all' } : { kind: 'all', partition };
  } else {
    if (values.from === undefined || values.to === undefined) throw new UsageError('--from and --to go together');
    const from = wholeNumber('--from', values.from);
    const to = wholeNumber('--to', values.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    selection = { kind: 'range', partition: partition ?? 0, from, to };
  }
  return {
    name: 'replay',
    topic: deadLetterTopicNamed(topic),
    selection,
    dryRun: values['dry-run'] === true,
    yes: values.yes === true,
  };
}

/** The catalogue's DLQ topic of that name; anything else is refused, naming the known ones. */
export function deadLetterTopicNamed(name: string): DeadLetterTopicDefinition {
  const found = DEAD_LETTER_CATALOGUE.find((topic) => topic.name === name);
  if (found) return found;
  const known = DEAD_LETTER_CATALOGUE.map((topic) => topic.name).join(', ');
  const ofSource = DEAD_LETTER_CATALOGUE.find((topic) => topic.source === name);
  const hint = ofSource ? ` (${name} is the source topic; its dead letters are in ${ofSource.name})` : '';
  throw new UsageError(`unknown dead-letter topic "${name}"${hint}; known: ${known}`, 'DLQ.UNKNOWN_TOPIC');
}

/** A non-negative decimal integer: offsets and partitions are never negative, hex or fractional. */
export function wholeNumber(label: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value > max) {
    throw new UsageError(`${label} must be a whole number from 0 to ${max}, got "${text}"`);
  }
  return value;
}

function parse<O extends Options>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's own TypeError, which is not this realm's under Jest: recognised by its code.
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') throw error;
    // The first line, without the hint about "--" (it is about positional arguments, which we name).
    throw new UsageError(`${command}: ${message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '')}`);
  }
}

function expectPositionals(command: string, given: readonly string[], expected: readonly string[]): string[] {
  if (given.length === expected.length) return [...given];
  const wanted = expected.length === 0 ? 'no arguments' : expected.join(' ');
  throw new UsageError(`${command} takes ${wanted}, got ${given.length === 0 ? 'none' : given.map((arg) => `"${arg}"`).join(' ')}`);
}
