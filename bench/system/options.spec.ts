import { DEFAULTS, parseOptions, rateSchedule, UsageError } from './options';

describe('parseOptions', () => {
  it('defaults to five-minute steps rising from 20 messages/s', () => {
    const options = parseOptions([], () => 7);
    expect(options).toMatchObject({ ...DEFAULTS, seed: 7 });
    expect(options !== 'help' && options.rates).toBeUndefined();
  });

  it('takes an explicit list of rates and every setting', () => {
    expect(parseOptions(['--rates', '40,60,80', '--step-seconds', '120', '--stop-after', '2', '--log-level', 'warn', '--seed', '3'])).toMatchObject({
      rates: [40, 60, 80],
      stepSeconds: 120,
      stopAfter: 2,
      logLevel: 'warn',
      seed: 3,
    });
  });

  it.each([
    [['--rates', '40,,80'], /--rates must be a comma-separated list of rates above 0, got ""/],
    [['--factor', '1'], /--factor must be a number above 1, got "1"/],
    [['--stop-after', '0.5'], /--stop-after must be a whole number from 1/],
    [['--complaint-share', '2'], /--complaint-share must be a number from 0 to 1/],
    [['--log-level', 'loud'], /--log-level must be fatal, error, warn, info, debug or trace/],
    [['--rate', '10'], /Unknown option '--rate'/],
  ])('refuses %j with the reason', (argv, reason) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(reason);
  });
});

describe('rateSchedule', () => {
  it('rises geometrically, rounded, up to the maximum', () => {
    expect(rateSchedule({ start: 20, factor: 1.5, maxRate: 160 })).toEqual([20, 30, 45, 68, 101, 152]);
  });

  it('runs a given list as it is', () => {
    expect(rateSchedule({ rates: [100, 50], start: 20, factor: 1.5, maxRate: 160 })).toEqual([100, 50]);
  });
});
