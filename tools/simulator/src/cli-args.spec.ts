import { DEFAULTS, parseSimulatorArgs as sut, UsageError } from './cli-args';

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
  it('runs with the defaults and a random seed when nothing is given', () => {
    expect(sut([], () => 1234)).toEqual({
      name: 'run',
      options: {
        rate: DEFAULTS.rate,
        durationSeconds: DEFAULTS.durationSeconds,
        intakeUrl: 'http://127.0.0.1:3001',
        membershipUrl: 'http://127.0.0.1:3002',
        seed: 1234,
        members: DEFAULTS.members,
        complaintShare: DEFAULTS.complaintShare,
        retryShare: DEFAULTS.retryShare,
        concurrency: DEFAULTS.concurrency,
      },
    });
  });

  it('reads every option', () => {
    const command = sut([
      '--rate', '50', '--duration', '2.5', '--intake', 'http://localhost:4001/', '--membership', 'https://m.example',
      '--seed', '7', '--members', '0', '--complaint-share', '0.5', '--retry-share', '0', '--concurrency', '8',
    ]);
    expect(command).toEqual({
      name: 'run',
      options: {
        rate: 50,
        durationSeconds: 2.5,
        intakeUrl: 'http://localhost:4001',
        membershipUrl: 'https://m.example',
        seed: 7,
        members: 0,
        complaintShare: 0.5,
        retryShare: 0,
        concurrency: 8,
      },
    });
  });

  it('answers --help', () => {
    expect(sut(['--help'])).toEqual({ name: 'help' });
    expect(sut(['-h'])).toEqual({ name: 'help' });
  });

  it.each([
    [['--rate', '0'], /--rate must be a number above 0/],
    [['--rate', '-5'], /--rate/],
    [['--rate', 'fast'], /--rate must be a number above 0 to 10000, got "fast"/],
    [['--duration', '1e3'], /--duration/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--members', '100000'], /--members must be a whole number from 0 to 99999/],
    [['--complaint-share', '1.2'], /--complaint-share must be a number from 0 to 1/],
    [['--retry-share', 'half'], /--retry-share/],
    [['--concurrency', '0'], /--concurrency must be a whole number from 1/],
    [['--intake', 'ftp://x'], /--intake must be an http\(s\) URL/],
    [['--intake', 'not a url'], /--intake must be an http\(s\) URL/],
    [['--speed', '3'], /Unknown option '--speed'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('refuses %j', (argv, message) => {
    const error = usageError(argv as string[]);
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(2);
  });
});
