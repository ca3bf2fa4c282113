import { bundledTemplates } from '../templates/fixtures';
import { renderSms, renderWhatsAppText } from '../templates/render';
import { deskLabel, noticeValues } from './notice-values';

const names = new Map([['JH-RAN', { nameEn: 'Ranchi', nameHi: 'रांची' }]]);
const context = (language: 'hi' | 'en') => ({ language, unitName: (code: string) => names.get(code), reopenDays: 7 });
const DISTRICT_CELL = { kind: 'post' as const, unitCode: 'JH-RAN', level: 'district' as const, post: 'grievance-convenor' as const };

describe(noticeValues.name, () => {
  it('writes who handles the case in the recipient language, and the text renders in Devanagari', () => {
    const sut = noticeValues('case-assigned', { reference: 'JH-2026-7F3A9C21', desk: DISTRICT_CELL }, context('hi'));
    expect(sut).toEqual({ reference: 'JH-2026-7F3A9C21', assignedTo: 'रांची के शिकायत संयोजक' });
    const rendered = renderWhatsAppText(bundledTemplates().catalogue, 'case-assigned', 'hi', sut as never);
    expect(rendered).toMatchObject({ body: 'आपका मामला JH-2026-7F3A9C21 रांची के शिकायत संयोजक को सौंपा गया है। वे इस पर कार्रवाई करेंगे।' });
  });

  it('passes the DLT check with the values it writes', () => {
    const { catalogue, dlt } = bundledTemplates();
    const values = noticeValues('case-escalated', { reference: 'JH-2026-7F3A9C21', desk: { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' } }, context('en'));
    expect(values).toEqual({ reference: 'JH-2026-7F3A9C21', escalatedTo: 'JH State HQ' });
    expect(renderSms(catalogue, dlt, 'case-escalated', 'en', values as never)).toMatchObject({ text: 'Connect Center: your case JH-2026-7F3A9C21 has been escalated to JH State HQ.' });
  });

  it('gives the reopen window to case-resolved', () => {
    expect(noticeValues('case-resolved', { reference: 'JH-2026-7F3A9C21' }, context('en'))).toEqual({ reference: 'JH-2026-7F3A9C21', reopenDays: 7 });
  });

  it('refuses, naming the fact, when the event does not carry a value the template shows', () => {
    const sut = noticeValues('case-new-in-queue', { reference: 'JH-2026-7F3A9C21', category: 'bdo-conduct', unitCode: 'JH-RAN' }, context('hi'));
    expect(sut).toEqual({ ok: false, code: 'NOTICE.MISSING_FACT', reason: 'the event does not carry "dueAt" for "case-new-in-queue"' });
    expect(noticeValues('case-new-in-queue', { reference: 'X-1', category: 'bdo-conduct', unitCode: 'JH-RAN', dueAt: '2026-11-26T10:00:00.000Z' }, context('hi'))).toEqual({
      reference: 'X-1',
      category: 'BDO का आचरण',
      unitName: 'रांची',
      dueAt: '2026-11-26T10:00:00.000Z',
    });
  });
});

describe(deskLabel.name, () => {
  it('falls back to the unit code when the unit is not known yet', () => {
    expect(deskLabel({ ...DISTRICT_CELL, unitCode: 'JH-XYZ' }, context('en'))).toBe('JH-XYZ grievance convenor');
    expect(deskLabel({ kind: 'role', unitCode: 'IN', level: 'national', role: 'aicc-admin' }, context('hi'))).toBe('AICC');
  });
});
