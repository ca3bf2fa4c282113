import { AICC_FEED, Topics } from '@cc/contracts';
import { parseCommand as sut, UsageError } from './cli-args';

function usageError(argv: string[]): UsageError {
  try {
    sut(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe(sut.name, () => {
  it('tails a state’s feed from the end by default, following it', () => {
    expect(sut(['tail', '--state', 'JH'])).toEqual({ name: 'tail', feed: 'JH', topic: 'cc.reporting.feed.state.jh.v1', fromBeginning: false });
  });

  it('takes a state code in any case', () => {
    expect(sut(['tail', '--state', 'jh'])).toMatchObject({ feed: 'JH', topic: 'cc.reporting.feed.state.jh.v1' });
  });

  it('tails the AICC feed from the beginning, a number of records, from given brokers', () => {
    expect(sut(['tail', '--aicc', '--from-beginning', '--limit', '5', '--brokers', 'kafka-0:9092,kafka-1:9092'])).toEqual({
      name: 'tail',
      feed: AICC_FEED,
      topic: Topics.AiccFeed,
      fromBeginning: true,
      limit: 5,
      brokers: 'kafka-0:9092,kafka-1:9092',
    });
  });

  it.each([
    [['tail'], 'exactly one of --state <code> or --aicc'],
    [['tail', '--state', 'JH', '--aicc'], 'exactly one of --state <code> or --aicc'],
    [['tail', '--state', 'GJ'], 'no feed for state "GJ"; states with a feed: JH, AS'],
    [['tail', '--aicc', '--limit', '0'], '--limit must be a whole number from 1'],
    [['tail', '--aicc', '--limit', '2.5'], '--limit must be a whole number from 1'],
    [['tail', '--aicc', '--brokers', 'kafka'], '--brokers must be host:port'],
    [['tail', '--aicc', '--follow'], "tail: Unknown option '--follow'"],
    [['tail', '--aicc', 'extra'], 'tail takes no arguments, got "extra"'],
    [['head'], 'unknown command "head"; expected tail'],
    [[], 'no command given'],
  ])('refuses %j with exit code 2: %s', (argv, message) => {
    const error = usageError(argv);
    expect(error.message).toContain(message);
    expect(error.exitCode).toBe(2);
  });

  it('answers help', () => {
    expect(sut(['--help'])).toEqual({ name: 'help' });
  });
});
