import { type Member, MemberEvent, type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import { contactAfterReport, memberRecipient, reporterRecipient } from './contact';

const report = (overrides: Partial<ReportReceived>): ReportReceived => ({ ...ReportReceivedEvent.example, ...overrides });
const at = (iso: string) => ({ receivedAt: iso });

describe(contactAfterReport.name, () => {
  it('records how to answer and opens the WhatsApp window at the last message', () => {
    const { contact, command } = contactAfterReport(undefined, report(at('2026-11-26T09:30:00.000+05:30')));
    expect(command).toBeUndefined();
    expect(contact).toMatchObject({ senderKey: 'snd_7a4c1e9b2d3f5a6c', whatsappPhone: '+919876543210', phone: '+919876543210', language: 'hi', lastChannel: 'whatsapp', optedOut: [] });
    const sut = reporterRecipient(contact);
    expect(sut).toMatchObject({ key: 'snd_7a4c1e9b2d3f5a6c', whatsapp: { phone: '+919876543210' }, phone: '+919876543210', lastWhatsAppInboundAt: new Date('2026-11-26T04:00:00.000Z') });
  });

  it('records STOP on the channel it came on, and START brings it back; an older STOP delivered late changes nothing', () => {
    const first = contactAfterReport(undefined, report(at('2026-11-26T10:00:00.000Z')));
    const stop = contactAfterReport(first.contact, report({ text: 'बंद', receivedAt: '2026-11-26T10:05:00.000Z' }));
    expect(stop.command).toEqual({ action: 'opt-out', scope: 'channel' });
    expect(stop.contact.optedOut).toEqual(['whatsapp']);
    const start = contactAfterReport(stop.contact, report({ text: 'START', receivedAt: '2026-11-26T10:10:00.000Z' }));
    expect(start.contact.optedOut).toEqual([]);
    const late = contactAfterReport(start.contact, report({ text: 'STOP', receivedAt: '2026-11-26T10:06:00.000Z' }));
    expect(late.contact.optedOut).toEqual([]);
    expect(late.contact.lastInboundAt.whatsapp).toEqual(new Date('2026-11-26T10:10:00.000Z'));
  });

  it('treats a complaint that contains a keyword as a report', () => {
    expect(contactAfterReport(undefined, report({ text: 'BDO ne kaam band kar diya' })).command).toBeUndefined();
  });

  it('keeps the WhatsApp address of an SMS sender unset, so WhatsApp is not tried on a number never seen there', () => {
    const sms = report({ channel: 'sms', provider: 'gupshup', language: 'en' });
    const { contact } = contactAfterReport(undefined, sms);
    expect(reporterRecipient(contact)).toEqual(expect.not.objectContaining({ whatsapp: expect.anything() }));
    expect(contact).toMatchObject({ phone: '+919876543210', language: 'en', lastChannel: 'sms' });
  });
});

describe(memberRecipient.name, () => {
  it('reaches an office-bearer on their first phone, honouring a STOP sent from any of their identities', () => {
    const member: Member = MemberEvent.example;
    const stop = contactAfterReport(undefined, report({ senderKey: member.identityKeys[1], channel: 'sms', text: 'STOP' })).contact;
    const sut = memberRecipient(member, [stop]);
    expect(sut).toMatchObject({ key: member.memberId, language: 'hi', phone: '+919812348765', whatsapp: { phone: '+919812348765' }, appUserId: 'app-user-20931' });
    expect([...sut.optedOut]).toEqual(['sms']);
  });
});
