import { matchRule, subjectClassOf, type RoutingRule } from './routing-rule';

const rule = (id: string, category: RoutingRule['category'], unitLevel: RoutingRule['unitLevel'], subject: RoutingRule['subject']): RoutingRule => ({
  id,
  category,
  unitLevel,
  subject,
  handler: { level: 'same', desk: 'president' },
});

describe(matchRule.name, () => {
  const rules = [
    rule('default', '*', '*', 'any'),
    rule('blocks', '*', 'block', 'any'),
    rule('about-office-bearers', '*', '*', 'office-bearer'),
    rule('bdo', 'bdo-conduct', '*', 'any'),
    rule('bdo-in-blocks', 'bdo-conduct', 'block', 'any'),
  ];

  it.each([
    ['bdo-conduct', 'block', 'bdo', 'bdo-in-blocks'],
    ['bdo-conduct', 'district', 'bdo', 'bdo'],
    ['bdo-conduct', 'district', 'office-bearer', 'bdo'],
    ['other', 'block', 'office-bearer', 'blocks'],
    ['other', 'district', 'office-bearer', 'about-office-bearers'],
    ['other', 'district', 'other', 'default'],
  ] as const)('matches %s × %s × %s with %s: category before level before subject', (category, level, subject, id) => {
    expect(matchRule(rules, category, level, subject)?.id).toBe(id);
  });

  it('matches nothing without a default', () => {
    expect(matchRule(rules.slice(1), 'other', 'district', 'other')).toBeUndefined();
  });
});

describe(subjectClassOf.name, () => {
  it.each([
    [{ kind: 'office-bearer', unitCodes: [], memberIds: [], certain: false }, 'office-bearer'],
    [{ kind: 'member', memberId: 'mbr_someone_x' }, 'office-bearer'],
    [{ kind: 'government-office', office: 'co' }, 'co'],
    [{ kind: 'none' }, 'other'],
  ] as const)('classes %j as %s', (subject, expected) => {
    expect(subjectClassOf(subject)).toBe(expected);
  });
});
