import type { CsvValues } from '../../csv/csv-header';
import { jharkhandTree } from '../../organisation/fixtures/org-units.fixtures';
import { describeCell, parseConsent, parseLanguage, splitPhones, type MemberColumn } from './member-columns';
import { MemberRowValidator } from './member-row';

const tree = jharkhandTree();
const row = (overrides: CsvValues<MemberColumn> = {}): CsvValues<MemberColumn> => ({
  name: 'Ramesh Oraon',
  phone: '98123 48765',
  home_unit: 'JH-RAN-ANGARA',
  ...overrides,
});

describe(MemberRowValidator.name, () => {
  let sut: MemberRowValidator;

  beforeEach(() => {
    sut = new MemberRowValidator(tree);
  });

  it('turns a row into an upsert command keyed by the first phone', () => {
    expect(sut.validate(2, row({ phone: '98123 48765; 7004512345', language: 'English', consent: 'हाँ', post: 'Adhyaksh' }))).toEqual({
      ok: true,
      command: {
        line: 2,
        key: { kind: 'phone', e164: '+919812348765' },
        fields: {
          name: 'Ramesh Oraon',
          phones: ['+919812348765', '+917004512345'],
          homeUnitCode: 'JH-RAN-ANGARA',
          language: 'en',
          consentToContact: true,
        },
        post: 'president',
      },
    });
  });

  it('keys a row by its external_id when it has one', () => {
    const result = sut.validate(2, row({ external_id: 'INC-JH-0001', whatsapp_bsuid: 'IN.77', app_user_id: 'app-1' }));

    expect(result).toMatchObject({
      ok: true,
      command: { key: { kind: 'external-id', id: 'INC-JH-0001' }, fields: { externalId: 'INC-JH-0001', whatsappBsuid: 'IN.77', appUserId: 'app-1' } },
    });
  });

  it('accepts a member known by external_id and BSUID only, and defaults to Hindi without consent', () => {
    expect(sut.validate(2, row({ phone: '', external_id: 'INC-1', whatsapp_bsuid: 'IN.1' }))).toMatchObject({
      ok: true,
      command: { fields: { phones: [], language: 'hi', consentToContact: false } },
    });
  });

  it('uses the configured default language', () => {
    const english = new MemberRowValidator(tree, { defaultLanguage: 'en' });

    expect(english.validate(2, row())).toMatchObject({ ok: true, command: { fields: { language: 'en' } } });
  });

  it.each([
    [{ name: '' }, 'MEMBER.INVALID_NAME', 'name is missing'],
    [{ phone: '98123 4876' }, 'MEMBER.INVALID_PHONE', 'phone 1 has too few digits'],
    [{ phone: '9812348765|5812348765' }, 'MEMBER.INVALID_PHONE', 'phone 2 is not an Indian mobile number'],
    [{ phone: '9.81235E+09' }, 'MEMBER.INVALID_PHONE', 'format the column as text'],
    [{ home_unit: 'JH-RAN-ANGRA' }, 'MEMBER.UNKNOWN_UNIT', 'home unit JH-RAN-ANGRA is not a known unit'],
    [{ home_unit: '' }, 'MEMBER.INVALID_UNIT', 'home unit a unit code is 2 to 32'],
    [{ language: 'Santhali' }, 'IMPORT.INVALID_LANGUAGE', 'language "Santhali" is not hi, en, Hindi or English'],
    [{ consent: 'maybe' }, 'IMPORT.INVALID_CONSENT', 'consent "maybe" is not yes or no'],
    [{ post: 'king' }, 'IMPORT.UNKNOWN_POST', 'post "king" is not one of the committee posts'],
    [{ post: 'president', home_unit: 'IN' }, 'IMPORT.POST_WITHOUT_COMMITTEE', 'IN is a national unit'],
    [{ phone: '', whatsapp_bsuid: 'IN.1' }, 'IMPORT.MISSING_KEY', 'needs an external_id or a phone'],
    [{ phone: '' }, 'MEMBER.NO_IDENTITY', 'a member needs a phone'],
    [{ name: 'Ram\uFFFD' }, 'IMPORT.INVALID_ENCODING', 'CSV UTF-8'],
  ])('refuses %j as %s', (overrides, code, reason) => {
    expect(sut.validate(9, row(overrides))).toEqual({ ok: false, line: 9, code, reason: expect.stringContaining(reason) });
  });

  it('never puts a phone number in an error, wherever it is in the row', () => {
    const errors = [
      sut.validate(2, row({ phone: '98123 4876' })),
      sut.validate(3, row({ phone: '58123 48765' })),
      sut.validate(4, row({ language: '9812348765' })),
      sut.validate(5, row({ consent: '+91 98123-48765' })),
      sut.validate(6, row({ post: '98123487650' })),
      sut.validate(7, row({ name: '98123 48765' })),
    ];

    expect(errors.every((error) => !error.ok)).toBe(true);
    for (const error of errors) expect(JSON.stringify(error)).not.toMatch(/8123|4876/);
  });

  describe('across the file', () => {
    it('refuses a second row with the same phone key, naming the first line', () => {
      sut.validate(2, row());

      expect(sut.validate(5, row({ name: 'Someone Else', phone: '+91 98123 48765' }))).toEqual({
        ok: false,
        line: 5,
        code: 'IMPORT.DUPLICATE_KEY',
        reason: 'phone +91******8765 is also on line 2',
      });
    });

    it('refuses a second row with the same external_id', () => {
      sut.validate(2, row({ external_id: 'INC-1' }));

      expect(sut.validate(3, row({ external_id: 'INC-1', phone: '7004512345' }))).toMatchObject({
        code: 'IMPORT.DUPLICATE_KEY',
        reason: 'external_id "INC-1" is also on line 2',
      });
    });

    it.each([
      ['a phone that is not the first', { phone: '7004512345;9812348765' }, 'phone +91******8765 is also on line 2'],
      ['a phone under another external_id', { external_id: 'INC-2' }, 'phone +91******8765 is also on line 2'],
      ['a BSUID', { phone: '7004512345', whatsapp_bsuid: 'IN.1' }, 'the WhatsApp BSUID is also on line 2'],
      ['an app user id', { phone: '7004512345', app_user_id: 'app-1' }, 'the app user id is also on line 2'],
    ])('refuses %s given before', (_, overrides, reason) => {
      sut.validate(2, row({ whatsapp_bsuid: 'IN.1', app_user_id: 'app-1' }));

      expect(sut.validate(3, row(overrides))).toMatchObject({ ok: false, code: 'IMPORT.DUPLICATE_IDENTITY', reason });
    });

    it('refuses a second president of a unit, but not a second vice-president', () => {
      sut.validate(2, row({ post: 'president', phone: '6201234561' }));
      sut.validate(3, row({ post: 'vice-president', phone: '6201234562' }));

      expect(sut.validate(4, row({ post: 'अध्यक्ष', phone: '6201234563' }))).toMatchObject({
        code: 'IMPORT.DUPLICATE_POST',
        reason: 'the president of JH-RAN-ANGARA, a post with one holder, is also on line 2',
      });
      expect(sut.validate(5, row({ post: 'vice-president', phone: '6201234564' })).ok).toBe(true);
      expect(sut.validate(6, row({ post: 'president', phone: '6201234565', home_unit: 'JH-RAN-KANKE' })).ok).toBe(true);
    });

    it('lets a row that was refused leave its phone to a later row', () => {
      sut.validate(2, row({ home_unit: 'NOPE' }));

      expect(sut.validate(3, row()).ok).toBe(true);
    });
  });
});

describe(splitPhones.name, () => {
  it.each([
    ['98123 48765', ['98123 48765']],
    ['98123 48765; 70045 12345', ['98123 48765', '70045 12345']],
    ['98123 48765|70045 12345|', ['98123 48765', '70045 12345']],
    [' ; ', []],
  ])('splits %j', (cell, phones) => {
    expect(splitPhones(cell)).toEqual(phones);
  });
});

describe(parseLanguage.name, () => {
  it.each([
    ['hi', 'hi'],
    ['Hindi', 'hi'],
    ['हिन्दी', 'hi'],
    ['हिंदी', 'hi'],
    ['EN', 'en'],
    ['english', 'en'],
    ['अंग्रेज़ी', 'en'],
    ['bhojpuri', undefined],
  ])('reads %j as %s', (cell, language) => {
    expect(parseLanguage(cell)).toBe(language);
  });
});

describe(parseConsent.name, () => {
  it.each([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['1', true],
    ['हाँ', true],
    ['हां', true],
    ['no', false],
    ['0', false],
    ['नहीं', false],
    ['maybe', undefined],
  ])('reads %j as %s', (cell, consent) => {
    expect(parseConsent(cell)).toBe(consent);
  });
});

describe(describeCell.name, () => {
  it.each([
    ['Santhali', '"Santhali"'],
    ['9812348765', '+91******8765'],
    ['98123-487650', '(a value with many digits, not shown)'],
    ['x'.repeat(50), `"${'x'.repeat(40)}…"`],
  ])('shows %j as %s', (cell, shown) => {
    expect(describeCell(cell)).toBe(shown);
  });
});
