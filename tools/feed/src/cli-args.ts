import { parseArgs } from 'node:util';
import { AICC_FEED, type FeedId, type FeedTopic, FEED_STATE_CODES, isFeedState, stateFeedTopic, Topics } from '@cc/contracts';

/** Exit codes: 0 done, 1 failed, 2 the command line was wrong (nothing was done). */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class UsageError extends Error {
  readonly exitCode = ExitCode.usage;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAX_LIMIT = 1_000_000;

export type Command =
  | { readonly name: 'help' }
  | {
      readonly name: 'tail';
      readonly feed: FeedId;
      readonly topic: FeedTopic;
      readonly fromBeginning: boolean;
      /** Stop after this many records; without it, follow until interrupted. */
      readonly limit?: number;
      /** Overrides KAFKA_BROKERS. */
      readonly brokers?: string;
    };

export const USAGE = `Usage: feed tail (--state <code> | --aicc) [--from-beginning] [--limit N] [--brokers host:port,...]

  Prints the records of one HQ feed as they arrive, one JSON object a line:
  {"partition","offset","key","id","type","record"}, where id is the record id consumers deduplicate on.
  --state <code>     a state HQ's feed (${FEED_STATE_CODES.join(', ')}): ${stateFeedTopic('JH').replace('.jh.', '.<code>.')}
  --aicc             the AICC feed: ${Topics.AiccFeed}
  --from-beginning   start at the oldest record kept, not at the end
  --limit N          stop after N records (default: follow until Ctrl-C)
  --brokers list     bootstrap brokers (default KAFKA_BROKERS, else 127.0.0.1:29092)

Connection: KAFKA_BROKERS, KAFKA_SSL and KAFKA_SASL_* as for the services.
Exit codes: 0 done, 1 failed, 2 wrong command line.`;

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
      throw new UsageError('no command given; expected tail');
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'tail':
      return parseTail(rest);
    default:
      throw new UsageError(`unknown command "${name}"; expected tail`);
  }
}

function parseTail(args: readonly string[]): Command {
  const { values, positionals } = parse(args);
  if (positionals.length > 0) throw new UsageError(`tail takes no arguments, got ${positionals.map((arg) => `"${arg}"`).join(' ')}`);
  if ((values.state === undefined) === (values.aicc !== true)) throw new UsageError('tail needs exactly one of --state <code> or --aicc');
  let feed: FeedId = AICC_FEED;
  if (values.state !== undefined) {
    const code = values.state.toUpperCase();
    if (!isFeedState(code)) throw new UsageError(`no feed for state "${values.state}"; states with a feed: ${FEED_STATE_CODES.join(', ')}`);
    feed = code;
  }
  if (values.brokers !== undefined && !/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/.test(values.brokers)) {
    throw new UsageError(`--brokers must be host:port[,host:port...], got "${values.brokers}"`);
  }
  return {
    name: 'tail',
    feed,
    topic: feed === AICC_FEED ? Topics.AiccFeed : stateFeedTopic(feed),
    fromBeginning: values['from-beginning'] === true,
    ...(values.limit !== undefined ? { limit: positiveNumber('--limit', values.limit) } : {}),
    ...(values.brokers !== undefined ? { brokers: values.brokers } : {}),
  };
}

function positiveNumber(label: string, text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LIMIT) throw new UsageError(`${label} must be a whole number from 1 to ${MAX_LIMIT}, got "${text}"`);
  return value;
}

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        state: { type: 'string' },
        aicc: { type: 'boolean' },
        'from-beginning': { type: 'boolean' },
        limit: { type: 'string' },
        brokers: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's own TypeError, which is not this realm's under Jest: recognised by its code.
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') throw error;
    throw new UsageError(`tail: ${message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '')}`);
  }
}
