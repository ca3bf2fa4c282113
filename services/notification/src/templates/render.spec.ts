import { DltRegistry } from '../sms/dlt/dlt-registry';
import dltTemplates from './catalogue/dlt-templates.json';
import { DUE_AT, REFERENCE, bundledTemplates } from './fixtures';
import { renderApp, renderSms, renderWhatsAppTemplate, renderWhatsAppText } from './render';

const { catalogue, dlt } = bundledTemplates();

describe(renderWhatsAppText.name, () => {
  it('renders the free text in the recipient language', () => {
    expect(renderWhatsAppText(catalogue, 'report-acknowledged', 'hi', { reference: REFERENCE })).toEqual({
      rendering: 'whatsapp-text',
      key: 'report-acknowledged',
      language: 'hi',
      body: 'नमस्ते! आपकी रिपोर्ट कनेक्ट सेंटर को मिल गई है।\nसंदर्भ संख्या: CC-2026-000123\nआगे की जानकारी आपको यहीं मिलेगी।',
    });
  });

  it('tells how to reopen a resolved case', () => {
    const result = renderWhatsAppText(catalogue, 'case-resolved', 'en', { reference: REFERENCE, reopenDays: 7 });
    expect(result).toMatchObject({ body: expect.stringContaining('Reply REOPEN CC-2026-000123 within 7 days') });
  });

  it.each([
    ['an unknown template', 'nope', {}, 'TEMPLATE.UNKNOWN'],
    ['a missing variable', 'case-assigned', { reference: REFERENCE }, 'TEMPLATE.MISSING_VARIABLE'],
    ['an extra variable', 'report-acknowledged', { reference: REFERENCE, name: 'Ramesh' }, 'TEMPLATE.UNKNOWN_VARIABLE'],
  ])('refuses %s', (_name, key, values, code) => {
    expect(renderWhatsAppText(catalogue, key, 'hi', values)).toMatchObject({ ok: false, code });
  });
});

describe(renderWhatsAppTemplate.name, () => {
  it('fills the positional parameters and the quick-reply payload', () => {
    expect(renderWhatsAppTemplate(catalogue, 'case-resolved', 'hi', { reference: REFERENCE, reopenDays: 7 })).toEqual({
      rendering: 'whatsapp-template',
      key: 'case-resolved',
      language: 'hi',
      name: 'cc_case_resolved',
      bodyParameters: [REFERENCE, '7', REFERENCE],
      buttonPayloads: ['REOPEN CC-2026-000123'],
      preview: `आपका मामला ${REFERENCE} हल कर दिया गया है। अगर आप संतुष्ट नहीं हैं, तो 7 दिन के अंदर नीचे दिया बटन दबाएँ या REOPEN ${REFERENCE} लिखकर भेजें।`,
    });
  });

  it('puts no line break in a parameter (Meta refuses them)', () => {
    const result = renderWhatsAppTemplate(catalogue, 'case-assigned', 'en', { reference: REFERENCE, assignedTo: 'Angara\nblock committee' });
    expect(result).toMatchObject({ bodyParameters: [REFERENCE, 'Angara block committee'] });
  });
});

describe(renderSms.name, () => {
  it('renders a Hindi SMS that matches its DLT template, as UCS-2', () => {
    const result = renderSms(catalogue, dlt, 'case-new-in-queue', 'hi', { reference: REFERENCE, category: 'BDO', unitName: 'अनगड़ा', dueAt: DUE_AT });
    expect(result).toEqual({
      rendering: 'sms',
      key: 'case-new-in-queue',
      language: 'hi',
      text: `कनेक्ट सेंटर: नया मामला ${REFERENCE} (BDO, अनगड़ा)। समय सीमा 26-11-2026 15:30।`,
      dlt: { templateId: '1107000000000000009', entityId: '1101000000000000001', header: 'CONNCT' },
      segments: { encoding: 'UCS-2', units: 80, segments: 2, remaining: 54 },
    });
  });

  it('renders an English SMS as GSM-7', () => {
    const result = renderSms(catalogue, dlt, 'report-acknowledged', 'en', { reference: REFERENCE });
    expect(result).toMatchObject({
      text: `Connect Center: your report has been received. Reference number ${REFERENCE}.`,
      segments: { encoding: 'GSM-7', segments: 1 },
    });
  });

  it("cuts a long name to DLT's 30 characters so the text still matches", () => {
    const unitName = 'Albert Ekka (Jari) Panchayat Samiti, Gumla';
    const result = renderSms(catalogue, dlt, 'registration-approved', 'en', { unitName });
    expect(result).toMatchObject({ text: expect.stringContaining('join Albert Ekka (Jari) Panchaya... has') });
  });

  it('refuses a text its DLT registration no longer matches', () => {
    const edited = (dltTemplates as { templateId: string; text: string }[]).map((entry) =>
      entry.templateId === '1107000000000000001' ? { ...entry, text: entry.text.replace('रिपोर्ट', 'शिकायत') } : entry,
    );
    const registry = DltRegistry.load(edited);
    if (!registry.ok) throw new Error(registry.reason);
    expect(renderSms(catalogue, registry.registry, 'report-acknowledged', 'hi', { reference: REFERENCE })).toMatchObject({ ok: false, code: 'DLT.MISMATCH' });
  });

  it('refuses an SMS longer than the parts allowed', () => {
    const result = renderSms(catalogue, dlt, 'case-resolved', 'hi', { reference: REFERENCE, reopenDays: 7 }, { maxSegments: 1 });
    expect(result).toMatchObject({ ok: false, code: 'TEMPLATE.TOO_LONG', reason: expect.stringContaining('takes 2 parts (UCS-2); at most 1') });
  });
});

describe(renderApp.name, () => {
  it('renders title, body and the values for the app to link', () => {
    expect(renderApp(catalogue, 'deadline-approaching', 'en', { reference: REFERENCE, dueAt: DUE_AT, hoursLeft: 6 })).toEqual({
      rendering: 'app',
      key: 'deadline-approaching',
      language: 'en',
      title: 'Deadline approaching',
      body: `Case ${REFERENCE}: 6 hours left (26-11-2026 15:30).`,
      data: { reference: REFERENCE, dueAt: '26-11-2026 15:30', hoursLeft: '6' },
    });
  });
});
