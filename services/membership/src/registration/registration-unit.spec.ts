import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { parseRegistrationMessage } from './registration-message';
import { resolveRegistrationUnit } from './registration-unit';

const tree = jharkhandTree();

function resolve(text: string, options?: { within?: string }) {
  const request = parseRegistrationMessage(text);
  if (!request.ok) throw new Error(request.reason);
  return resolveRegistrationUnit(tree, request, options);
}

const found = (code: string) => ({ ok: true, unit: tree.get(code) });

describe(resolveRegistrationUnit.name, () => {
  it.each([
    ['JOIN Kanke', 'JH-RAN-KANKE'],
    ['जुड़ें कांके', 'JH-RAN-KANKE'],
    ['JOIN Angara block', 'JH-RAN-ANGARA'],
    ['जुड़ें अनगड़ा प्रखंड', 'JH-RAN-ANGARA'],
    ['JOIN Angara panchayat - Sita', '345001'],
    ['JOIN Angara, Angara', '345001'],
    ['JOIN Chainpur, Palamu', 'JH-PAL-CHAINPUR'],
    ['जुड़ें जोन्हा, खूंटी', '346201'],
    ['JOIN Pithoria', '345101'],
    ['JOIN jh-ran-angara', 'JH-RAN-ANGARA'],
    ['JOIN Ranchi', 'JH-RAN'],
  ])('resolves %j', (text, code) => {
    expect(resolve(text)).toEqual(found(code));
  });

  it('offers every unit of an ambiguous name, in both languages, with a way to say which', () => {
    expect(resolve('JOIN Chainpur - Ramesh')).toEqual({
      ok: false,
      code: 'REGISTRATION.UNIT_AMBIGUOUS',
      reason: expect.stringContaining('2 units are called "Chainpur": Chainpur, Gumla, Jharkhand; Chainpur, Palamu, Jharkhand. Name the block'),
      candidates: [
        { code: 'JH-GUM-CHAINPUR', nameEn: 'Chainpur, Gumla, Jharkhand', nameHi: 'Chainpur, गुमला, झारखंड' },
        { code: 'JH-PAL-CHAINPUR', nameEn: 'Chainpur, Palamu, Jharkhand', nameHi: 'Chainpur, पलामू, झारखंड' },
      ],
    });
  });

  it('tells the block Angara from the panchayat Angara only when asked', () => {
    const result = resolve('जुड़ें अनगड़ा');

    expect(result.ok).toBe(false);
    expect(!result.ok && 'candidates' in result && result.candidates.map(({ code }) => code)).toEqual(['345001', 'JH-RAN-ANGARA']);
  });

  it.each([
    ['JOIN Jharkhand', 'a state is too wide to join'],
    ['JOIN AICC', 'nor is the national unit'],
    ['JOIN Nowhere', 'an unknown name'],
    ['JOIN Ranchi block', 'a district asked for as a block'],
  ])('finds nothing for %j (%s)', (text) => {
    expect(resolve(text)).toMatchObject({ ok: false, code: 'REGISTRATION.UNIT_NOT_FOUND' });
  });

  it('keeps the search within a state when told', () => {
    expect(resolve('JOIN Jonha', { within: 'JH-KHU' })).toEqual(found('346201'));
    expect(resolve('JOIN Kanke', { within: 'BR' })).toMatchObject({ code: 'REGISTRATION.UNIT_NOT_FOUND' });
  });
});
