import { newMember, type Member, type MemberFields } from '../member';
import { decideUpsert, type MemberUpsertCommand } from './member-upsert';

const now = new Date('2025-05-01T00:00:00Z');
const fields = (overrides: Partial<MemberFields> = {}): MemberFields => ({
  name: 'Ramesh Oraon',
  phones: ['+919812348765'],
  homeUnitCode: 'JH-RAN-ANGARA',
  language: 'hi',
  consentToContact: true,
  ...overrides,
});
const member = (id: string, overrides: Partial<MemberFields> = {}): Member => newMember(fields(overrides), { id, now });
const command = (overrides: Partial<MemberFields> = {}): MemberUpsertCommand => {
  const commandFields = fields(overrides);
  return {
    line: 7,
    key: commandFields.externalId ? { kind: 'external-id', id: commandFields.externalId } : { kind: 'phone', e164: commandFields.phones[0] },
    fields: commandFields,
  };
};

describe(decideUpsert.name, () => {
  const sut = decideUpsert;

  it('creates a member nobody matches', () => {
    expect(sut(command(), [])).toEqual({ ok: true, action: 'create' });
  });

  it('updates the member holding the phone, wherever it is in their list', () => {
    const known = member('m1', { phones: ['+917004512345', '+919812348765'] });

    expect(sut(command(), [known])).toEqual({ ok: true, action: 'update', member: known });
  });

  it('updates the member with the external id even when the phones changed', () => {
    const known = member('m1', { externalId: 'INC-1', phones: ['+917004512345'] });

    expect(sut(command({ externalId: 'INC-1' }), [known])).toEqual({ ok: true, action: 'update', member: known });
  });

  it('gives an external id to a member imported before by phone', () => {
    const known = member('m1');

    expect(sut(command({ externalId: 'INC-1' }), [known])).toEqual({ ok: true, action: 'update', member: known });
  });

  it('matches by BSUID or app user id too', () => {
    const known = member('m1', { phones: [], whatsappBsuid: 'IN.1' });

    expect(sut(command({ whatsappBsuid: 'IN.1' }), [known])).toMatchObject({ action: 'update', member: known });
  });

  it('refuses a row whose phone belongs to a member with another external id', () => {
    const known = member('m1', { externalId: 'INC-9' });

    expect(sut(command({ externalId: 'INC-1' }), [known])).toEqual({
      ok: false,
      code: 'IMPORT.EXTERNAL_ID_CONFLICT',
      reason: 'phone +91******8765 belongs to member m1, whose external_id is INC-9, not INC-1',
    });
  });

  it('refuses a row that would join two members', () => {
    const first = member('m1');
    const second = member('m2', { phones: ['+917004512345'] });

    expect(sut(command({ phones: ['+919812348765', '+917004512345'] }), [first, second])).toEqual({
      ok: false,
      code: 'IMPORT.IDENTITY_CONFLICT',
      reason: 'phone +91******2345 belongs to member m2, and the row is member m1',
    });
  });

  it("refuses to give another member's phone to the member with the external id", () => {
    const owner = member('m1', { externalId: 'INC-1', phones: ['+917004512345'] });
    const other = member('m2');

    expect(sut(command({ externalId: 'INC-1' }), [owner, other])).toMatchObject({
      ok: false,
      code: 'IMPORT.IDENTITY_CONFLICT',
      reason: 'phone +91******8765 belongs to member m2, and the row is member m1',
    });
  });

  it('ignores a candidate listed twice', () => {
    const known = member('m1', { whatsappBsuid: 'IN.1' });

    expect(sut(command({ whatsappBsuid: 'IN.1' }), [known, known])).toMatchObject({ action: 'update' });
  });
});
