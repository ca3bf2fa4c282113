import { canonicalSenderKey } from '@cc/identity';
import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { MAX_PHONES, newMember, parseMemberFields, updateMember, type Member, type MemberFields } from './member';
import { identityKeysOf, senderIdentitiesOf } from './member-identity';

const tree = jharkhandTree();
const input = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ramesh Oraon',
  phones: ['98123 48765'],
  homeUnitCode: 'JH-RAN-ANGARA',
  language: 'hi',
  consentToContact: true,
  ...overrides,
});

function fields(overrides: Record<string, unknown> = {}): MemberFields {
  const result = parseMemberFields(input(overrides), tree);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.fields;
}

describe(parseMemberFields.name, () => {
  const sut = (overrides: Record<string, unknown>) => parseMemberFields(input(overrides), tree);

  it('normalises phones to E.164, drops repeats, tidies the name and the unit code', () => {
    expect(
      sut({ name: '  Ramesh \t Oraon ', phones: ['098123-48765', '+91 98123 48765', '७००४५१२३४५'], homeUnitCode: 'jh-ran-angara' }),
    ).toEqual({
      ok: true,
      fields: {
        name: 'Ramesh Oraon',
        phones: ['+919812348765', '+917004512345'],
        homeUnitCode: 'JH-RAN-ANGARA',
        language: 'hi',
        consentToContact: true,
      },
    });
  });

  it('accepts a member without a phone who has a WhatsApp BSUID or an app user id', () => {
    expect(sut({ phones: [], whatsappBsuid: 'IN.1234567890' })).toMatchObject({ ok: true, fields: { phones: [], whatsappBsuid: 'IN.1234567890' } });
    expect(sut({ phones: undefined, appUserId: 'app-42' })).toMatchObject({ ok: true, fields: { phones: [] } });
  });

  it.each(['रमेश उरांव', "D'Souza", 'Md. Salim', 'Ram-Prasad Mahto'])('accepts the name %j', (name) => {
    expect(sut({ name }).ok).toBe(true);
  });

  it.each([
    [{ name: '  ' }, 'MEMBER.INVALID_NAME', 'name is missing'],
    [{ name: '9812348765' }, 'MEMBER.INVALID_NAME', 'name has digits or control characters'],
    [{ name: '---' }, 'MEMBER.INVALID_NAME', 'name has no letters'],
    [{ name: 'x'.repeat(101) }, 'MEMBER.INVALID_NAME', 'name is longer than 100 characters'],
    [{ phones: ['98123 48765', '5812348765'] }, 'MEMBER.INVALID_PHONE', 'phone 2 is not an Indian mobile number'],
    [{ phones: Array(MAX_PHONES + 1).fill('9812348765') }, 'MEMBER.TOO_MANY_PHONES', 'holds at most 5 numbers'],
    [{ phones: [], whatsappBsuid: undefined }, 'MEMBER.NO_IDENTITY', 'a member needs a phone, a WhatsApp BSUID or an app user id'],
    [{ whatsappBsuid: 'has space' }, 'MEMBER.INVALID_IDENTITY', 'WhatsApp BSUID is 1 to 256 characters'],
    [{ homeUnitCode: 'J' }, 'MEMBER.INVALID_UNIT', 'home unit a unit code is 2 to 32'],
    [{ homeUnitCode: 'JH-RAN-NOPE' }, 'MEMBER.UNKNOWN_UNIT', 'home unit JH-RAN-NOPE is not a known unit'],
    [{ language: 'fr' }, 'MEMBER.INVALID_LANGUAGE', 'language is hi or en'],
    [{ consentToContact: 'yes' }, 'MEMBER.INVALID_FIELD', 'consent is true or false'],
    [{ role: 'admin' }, 'MEMBER.INVALID_FIELD', 'role'],
  ])('refuses %j as %s', (overrides, code, reason) => {
    expect(sut(overrides)).toEqual({ ok: false, code, reason: expect.stringContaining(reason) });
  });

  it('lists every problem, never the phone number', () => {
    const result = sut({ name: '', phones: ['98123 4876', '58123 48765'] });

    expect(result).toEqual({
      ok: false,
      code: 'MEMBER.INVALID_NAME',
      reason: 'name is missing; phone 1 has too few digits; phone 2 is not an Indian mobile number (10 digits starting with 6 to 9)',
    });
    expect(JSON.stringify(result)).not.toMatch(/4876/);
  });

  it('refuses input that is not an object', () => {
    expect(parseMemberFields('Ramesh', tree)).toMatchObject({ ok: false, code: 'MEMBER.INVALID_FIELD' });
  });
});

describe(newMember.name, () => {
  const now = new Date('2025-05-01T10:00:00Z');

  it('makes an active member with the consent time and both timestamps set to now', () => {
    expect(newMember(fields(), { id: 'm1', now })).toEqual({
      id: 'm1',
      name: 'Ramesh Oraon',
      phones: ['+919812348765'],
      homeUnitCode: 'JH-RAN-ANGARA',
      language: 'hi',
      status: 'active',
      consent: { contact: true, at: now },
      createdAt: now,
      updatedAt: now,
    } satisfies Member);
  });

  it('makes a pending member when told', () => {
    expect(newMember(fields(), { id: 'm1', now, status: 'pending' }).status).toBe('pending');
  });
});

describe(updateMember.name, () => {
  const created = new Date('2025-05-01T10:00:00Z');
  const later = new Date('2025-06-01T10:00:00Z');
  const member = { ...newMember(fields({ whatsappBsuid: 'IN.1' }), { id: 'm1', now: created }), status: 'suspended' as const };

  it('takes the new values, adds phones, keeps identities and status the update does not mention', () => {
    const result = updateMember(member, fields({ name: 'Ramesh Kumar Oraon', phones: ['7004512345'], language: 'en' }), later);

    expect(result).toEqual({
      ok: true,
      member: {
        ...member,
        name: 'Ramesh Kumar Oraon',
        phones: ['+917004512345', '+919812348765'],
        language: 'en',
        whatsappBsuid: 'IN.1',
        updatedAt: later,
      },
    });
  });

  it('moves the consent time only when the consent changes', () => {
    const same = updateMember(member, fields(), later);
    const withdrawn = updateMember(member, fields({ consentToContact: false }), later);

    expect(same.ok && same.member.consent).toEqual({ contact: true, at: created });
    expect(withdrawn.ok && withdrawn.member.consent).toEqual({ contact: false, at: later });
  });

  it('refuses to grow past the phone limit, masking the numbers it names', () => {
    const full = { ...member, phones: ['+916201234561', '+916201234562', '+916201234563', '+916201234564', '+916201234565'] };

    const result = updateMember(full, fields({ phones: ['9812348765'] }), later);

    expect(result).toMatchObject({ ok: false, code: 'MEMBER.TOO_MANY_PHONES' });
    expect(!result.ok && result.reason).toContain('+91******4561');
    expect(!result.ok && result.reason).not.toContain('6201234561');
  });
});

describe(identityKeysOf.name, () => {
  it("gives the sender key intake computes for each of the member's identities", () => {
    const member = fields({ phones: ['9812348765', '7004512345'], whatsappBsuid: 'IN.99', appUserId: 'app-7' });

    expect(senderIdentitiesOf(member)).toEqual([
      { kind: 'phone', e164: '+919812348765' },
      { kind: 'phone', e164: '+917004512345' },
      { kind: 'whatsapp-bsuid', id: 'IN.99' },
      { kind: 'app-user', id: 'app-7' },
    ]);
    expect(identityKeysOf(member)).toEqual([
      canonicalSenderKey({ kind: 'phone', e164: '+919812348765' }),
      canonicalSenderKey({ kind: 'phone', e164: '+917004512345' }),
      canonicalSenderKey({ kind: 'whatsapp-bsuid', id: 'IN.99' }),
      canonicalSenderKey({ kind: 'app-user', id: 'app-7' }),
    ]);
  });

  it('matches a WhatsApp sender whose wa_id is the member’s number however the number was typed', () => {
    const [key] = identityKeysOf(fields({ phones: ['098123-48765'] }));

    expect(key).toBe(canonicalSenderKey({ kind: 'phone', e164: '+919812348765' }));
    expect(key).toMatch(/^snd_[0-9a-f]{32}$/);
  });
});
