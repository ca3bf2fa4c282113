import { DEAD_LETTER_CATALOGUE, Topics } from '@cc/contracts';
import { DEFAULT_LIST_LIMIT, parseCommand as sut } from './cli-args';
import { UsageError } from './errors';

const dlq = DEAD_LETTER_CATALOGUE[0];

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
  it('lists every catalogue DLQ topic with the default limit', () => {
    expect(sut(['list'])).toEqual({ name: 'list', topics: DEAD_LETTER_CATALOGUE, limit: DEFAULT_LIST_LIMIT, json: false });
  });

  it('lists one topic with a limit, as JSON', () => {
    expect(sut(['list', '--topic', dlq.name, '--limit', '5', '--json'])).toEqual({ name: 'list', topics: [dlq], limit: 5, json: true });
  });

  it('refuses an unknown topic, naming the known ones', () => {
    const error = usageError(['list', '--topic', 'cc.nope.v1.dlq']);
    expect(error.code).toBe('DLQ.UNKNOWN_TOPIC');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('"cc.nope.v1.dlq"');
    expect(error.message).toContain(dlq.name);
  });

  it('points from a source topic to its dead-letter topic', () => {
    expect(usageError(['show', Topics.ReportReceived, '1']).message).toContain(`its dead letters are in ${dlq.name}`);
  });

  it.each([['-1'], ['1.5'], ['0x10'], [''], ['9007199254740993'], ['seven']])('refuses the offset "%s"', (offset) => {
    expect(usageError(['show', dlq.name, offset]).exitCode).toBe(2);
  });

  it('shows an offset of partition 0 unless a partition is named', () => {
    expect(sut(['show', dlq.name, '42'])).toEqual({ name: 'show', topic: dlq, partition: 0, offset: 42, json: false });
    expect(sut(['show', dlq.name, '42', '--partition', '2'])).toMatchObject({ partition: 2 });
  });

  it('needs both a topic and an offset to show', () => {
    expect(usageError(['show', dlq.name]).message).toMatch(/show takes <dlq-topic> <offset>, got "cc\./);
  });

  it.each([
    [['--offset', '3'], { kind: 'offset', partition: 0, offset: 3 }],
    [['--from', '3', '--to', '7', '--partition', '1'], { kind: 'range', partition: 1, from: 3, to: 7 }],
    [['--all'], { kind: 'all' }],
    [['--all', '--partition', '2'], { kind: 'all', partition: 2 }],
  ])('replays the selection %j', (options, selection) => {
    expect(sut(['replay', dlq.name, ...options])).toEqual({ name: 'replay', topic: dlq, selection, dryRun: false, yes: false });
  });

  it('passes --dry-run and --yes on', () => {
    expect(sut(['replay', dlq.name, '--all', '--dry-run', '--yes'])).toMatchObject({ dryRun: true, yes: true });
  });

  it.each([[[]], [['--all', '--offset', '1']], [['--offset', '1', '--from', '1', '--to', '2']]])(
    'needs exactly one selection, not %j',
    (options) => {
      expect(usageError(['replay', dlq.name, ...options]).message).toContain('exactly one of');
    },
  );

  it('refuses a range that ends before it starts, or has one end only', () => {
    expect(usageError(['replay', dlq.name, '--from', '9', '--to', '3']).message).toBe('--from 9 is after --to 3');
    expect(usageError(['replay', dlq.name, '--from', '9']).message).toBe('--from and --to go together');
  });

  it('refuses unknown options and commands, and a missing command', () => {
    expect(usageError(['list', '--force']).message).toBe("list: Unknown option '--force'");
    expect(usageError(['purge']).message).toContain('unknown command "purge"');
    expect(usageError([]).message).toContain('no command given');
  });

  it('recognises help', () => {
    expect(sut(['--help'])).toEqual({ name: 'help' });
  });
});
