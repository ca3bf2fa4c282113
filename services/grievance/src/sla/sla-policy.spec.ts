import { days, hours } from '../shared/duration';
import { DEFAULT_SLA_POLICY, parseSlaPolicy, targetFor } from './sla-policy';

describe(targetFor.name, () => {
  it.each([
    ['bdo-conduct', 'district', hours(12), days(5)],
    ['bdo-conduct', 'block', days(1), days(3)],
    ['other', 'state', days(1), days(7)],
    ['organisational', 'national', days(2), days(14)],
  ] as const)('gives %s at %s level the most specific target', (category, level, acknowledgeWithin, resolveWithin) => {
    expect(targetFor(DEFAULT_SLA_POLICY, category, level)).toMatchObject({ acknowledgeWithin, resolveWithin });
  });
});

describe(parseSlaPolicy.name, () => {
  const sut = parseSlaPolicy;
  const json = (policy: object) => JSON.parse(JSON.stringify(policy));

  it('accepts the default policy as the API would send it', () => {
    expect(sut(json(DEFAULT_SLA_POLICY))).toEqual({ ok: true, policy: DEFAULT_SLA_POLICY });
  });

  it('reports a gap, a duplicate and an acknowledgement due after resolution together', () => {
    const result = sut({
      ...json(DEFAULT_SLA_POLICY),
      targets: [
        { category: '*', level: 'block', acknowledgeWithin: days(4), resolveWithin: days(3) },
        { category: '*', level: 'block', acknowledgeWithin: days(1), resolveWithin: days(3) },
      ],
    });

    expect(result).toMatchObject({ ok: false, code: 'SLA.INVALID_POLICY' });
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining(['targets.0: acknowledgement is due after resolution', 'targets.1: a second target for *×block', 'no target for office-bearer-conduct at national level']),
    );
  });

  it.each([
    ['a negative duration', { reopenWindow: -1 }],
    ['a factor above one', { severityFactor: { normal: 2, high: 0.5, critical: 0.25 } }],
    ['an unknown field', { $where: '1' }],
  ])('refuses %s', (_, change) => {
    expect(sut({ ...json(DEFAULT_SLA_POLICY), ...change })).toMatchObject({ ok: false, code: 'SLA.INVALID_POLICY' });
  });
});
