import { DEFAULT_DESK_PREFERENCES } from '../guard/desks';
import { DEFAULT_RULE_SET, DEFAULT_RULES } from './default-rules';
import type { RoutingRule } from './routing-rule';
import { reviseRuleSet, validateRuleSet } from './rule-set-validation';

const AT = new Date('2026-03-01T00:00:00.000Z');
const fallback: RoutingRule = { id: 'default', category: '*', unitLevel: '*', subject: 'any', handler: { level: 'same', desk: 'grievance-convenor' } };

describe(validateRuleSet.name, () => {
  const sut = validateRuleSet;

  it('finds nothing wrong with the default rules', () => {
    expect(sut(DEFAULT_RULES, DEFAULT_DESK_PREFERENCES)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = sut(
      [
        { ...fallback, category: 'other' },
        { ...fallback, id: 'other', category: 'other' },
        { id: 'other', category: 'bdo-conduct', unitLevel: 'district', subject: 'any', handler: { level: 'district', desk: 'state-hq' } },
        { id: 'down', category: 'co-conduct', unitLevel: 'state', subject: 'any', handler: { level: 'district', desk: 'president' } },
        { id: 'no-parent', category: 'co-conduct', unitLevel: 'national', subject: 'any', handler: { level: 'parent', desk: 'president' } },
      ],
      { ...DEFAULT_DESK_PREFERENCES, district: ['state-hq'], national: ['president'] },
    );

    expect(problems.map(({ code, ruleId }) => [code, ruleId])).toEqual([
      ['RULES.DUPLICATE_MATCH', 'other'],
      ['RULES.DUPLICATE_ID', 'other'],
      ['RULES.ROLE_LEVEL', 'other'],
      ['RULES.HANDLER_BELOW_UNIT', 'down'],
      ['RULES.HANDLER_BELOW_UNIT', 'no-parent'],
      ['RULES.GAP', undefined],
      ['RULES.ROLE_LEVEL', undefined],
      ['RULES.ESCALATION_DEAD_END', undefined],
    ]);
    expect(problems.find(({ code }) => code === 'RULES.GAP')?.reason).toMatch(/^no rule for office-bearer-conduct × national × office-bearer, .* and \d+ more; add them or a default rule/);
  });

  it('is satisfied by a default rule alone', () => {
    expect(sut([fallback], DEFAULT_DESK_PREFERENCES)).toEqual([]);
  });
});

describe(reviseRuleSet.name, () => {
  const sut = reviseRuleSet;

  it('makes the next version from what the API sent, keeping the escalation desks', () => {
    const result = sut(DEFAULT_RULE_SET, { rules: [fallback] }, 'mbr_hq_editor_1', AT);

    expect(result).toEqual({ ok: true, ruleSet: { version: 2, rules: [fallback], escalation: DEFAULT_DESK_PREFERENCES, createdAt: AT, createdBy: 'mbr_hq_editor_1' } });
  });

  it('starts at version 1', () => {
    expect(sut(undefined, { rules: DEFAULT_RULES }, 'system', AT)).toMatchObject({ ok: true, ruleSet: { version: 1 } });
  });

  it.each([
    ['an unknown desk', { rules: [{ ...fallback, handler: { level: 'same', desk: 'king' } }] }],
    ['an unknown field', { rules: [{ ...fallback, priority: 1 }] }],
    ['an operator', { rules: [fallback], $where: 'sleep(1000)' }],
    ['a bad id', { rules: [{ ...fallback, id: 'Default Rule' }] }],
    ['no rules', { rules: [] }],
    ['not an object', 'rules'],
  ])('refuses %s, naming where', (_, input) => {
    const result = sut(DEFAULT_RULE_SET, input, 'mbr_hq_editor_1', AT);

    expect(result).toMatchObject({ ok: false, code: 'RULES.INVALID_RULE_SET', problems: [expect.objectContaining({ code: 'RULES.INVALID' })] });
  });

  it('refuses a well-formed set with gaps, with the problems', () => {
    const result = sut(DEFAULT_RULE_SET, { rules: [{ ...fallback, category: 'other' }] }, 'mbr_hq_editor_1', AT);

    expect(result).toMatchObject({ ok: false, code: 'RULES.INVALID_RULE_SET', problems: [{ code: 'RULES.GAP' }] });
  });
});
