import { chooseWhatsAppMode, whatsAppMessageOf } from './whatsapp-message';

describe(chooseWhatsAppMode.name, () => {
  it.each([
    [true, true, 'free-text'],
    [true, false, 'free-text'],
    [false, true, 'template'],
  ] as const)('window open %s, template %s → %s', (open, template, mode) => {
    expect(chooseWhatsAppMode(open, template)).toBe(mode);
  });

  it('has nothing to send outside the window without a template', () => {
    expect(chooseWhatsAppMode(false, false)).toMatchObject({ ok: false, code: 'WHATSAPP.NO_TEMPLATE_OUTSIDE_WINDOW' });
  });
});

describe(whatsAppMessageOf.name, () => {
  it('maps rendered forms to Cloud API messages', () => {
    expect(whatsAppMessageOf({ rendering: 'whatsapp-text', key: 'k', language: 'hi', body: 'b' })).toEqual({ type: 'text', body: 'b' });
    expect(
      whatsAppMessageOf({ rendering: 'whatsapp-template', key: 'k', language: 'en', name: 'cc_k', bodyParameters: ['1'], buttonPayloads: [], preview: 'p' }),
    ).toEqual({ type: 'template', name: 'cc_k', languageCode: 'en', bodyParameters: ['1'], buttonPayloads: [] });
  });
});
