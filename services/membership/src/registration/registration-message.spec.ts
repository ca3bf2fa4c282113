import { parseRegistrationMessage, type RegistrationRequest } from './registration-message';

const request = (unitQuery: string, extra: Partial<RegistrationRequest> = {}): RegistrationRequest => ({ ok: true, unitQuery, ...extra });

describe(parseRegistrationMessage.name, () => {
  const sut = parseRegistrationMessage;

  it.each<[string, RegistrationRequest]>([
    ['JOIN Angara', request('Angara')],
    ['join angara', request('angara')],
    ['Join   Angara  ', request('Angara')],
    ['JOIN: Angara.', request('Angara')],
    ['*JOIN* Angara!', request('Angara')],
    ['JOIN JH-RAN-ANGARA', request('JH-RAN-ANGARA')],
    ['JOIN 345001', request('345001')],
    ['JOIN Angara, Ranchi', request('Angara, Ranchi')],
    ['JOIN Chainpur ,  Gumla ,', request('Chainpur, Gumla')],
    ['JOIN Albert Ekka (Jari)', request('Albert Ekka (Jari)')],
    ['जुड़ें अनगड़ा', request('अनगड़ा')],
    ['जुडें अनगड़ा', request('अनगड़ा')],
    ['जुड़े अनगड़ा।', request('अनगड़ा')],
    ['जुड़ेँ अनगड़ा', request('अनगड़ा')],
    ['जुड़ो जोन्हा, रांची', request('जोन्हा, रांची')],
    ['Judein Kanke', request('Kanke')],
    ['JOIN Namkum', request('Namkum')],
    ['जुड़ें नामकुम', request('नामकुम')],
  ])('reads %j', (text, expected) => {
    expect(sut(text)).toEqual(expected);
  });

  it.each<[string, RegistrationRequest]>([
    ['JOIN Angara - Ramesh Kumar', request('Angara', { name: 'Ramesh Kumar' })],
    ['JOIN Angara -Ramesh Kumar', request('Angara', { name: 'Ramesh Kumar' })],
    ['JOIN Angara – Ramesh  Kumar.', request('Angara', { name: 'Ramesh Kumar' })],
    ['JOIN JH-RAN-ANGARA - Ramesh', request('JH-RAN-ANGARA', { name: 'Ramesh' })],
    ['JOIN Angara, Ranchi: Ramesh Oraon', request('Angara, Ranchi', { name: 'Ramesh Oraon' })],
    ['JOIN Angara | Ramesh', request('Angara', { name: 'Ramesh' })],
    ['join angara name Ramesh', request('angara', { name: 'Ramesh' })],
    ['JOIN Angara, my name is Ramesh Oraon', request('Angara', { name: 'Ramesh Oraon' })],
    ['जुड़ें अनगड़ा नाम रमेश कुमार', request('अनगड़ा', { name: 'रमेश कुमार' })],
    ['जुड़ें अनगड़ा, मेरा नाम सीता देवी है', request('अनगड़ा', { name: 'सीता देवी' })],
    ['JOIN Angara - 9812348765', request('Angara')],
    ['JOIN Angara - ', request('Angara')],
  ])('reads the name in %j', (text, expected) => {
    expect(sut(text)).toEqual(expected);
  });

  it.each<[string, RegistrationRequest]>([
    ['JOIN Angara block', request('Angara', { level: 'block' })],
    ['JOIN block Angara', request('Angara', { level: 'block' })],
    ['JOIN Angara Panchayat - Sita', request('Angara', { level: 'panchayat', name: 'Sita' })],
    ['जुड़ें अनगड़ा प्रखंड', request('अनगड़ा', { level: 'block' })],
    ['जुड़ें पंचायत जोन्हा, खूंटी', request('जोन्हा, खूंटी', { level: 'panchayat' })],
    ['JOIN Ranchi district', request('Ranchi', { level: 'district' })],
    ['JOIN block', request('block')],
  ])('reads the level in %j', (text, expected) => {
    expect(sut(text)).toEqual(expected);
  });

  it.each(['Joined the rally at Angara', 'Please JOIN Angara', 'BDO ki shikayat', 'जुड़ना है', 'rejoin Angara', '', '😀', 'JOINT meeting'])(
    '%j is not a registration',
    (text) => {
      expect(sut(text)).toMatchObject({ ok: false, code: 'REGISTRATION.NOT_A_REGISTRATION' });
    },
  );

  it.each(['JOIN', 'join.', 'जुड़ें', 'JOIN ,', 'JOIN -'])('%j names no unit', (text) => {
    expect(sut(text)).toMatchObject({ ok: false, code: 'REGISTRATION.MISSING_UNIT' });
  });

  it('refuses a unit name too long to be one', () => {
    expect(sut(`JOIN ${'Angara '.repeat(20)}`)).toMatchObject({ ok: false, code: 'REGISTRATION.NOT_A_REGISTRATION' });
  });
});
