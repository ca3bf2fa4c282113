import templates from './catalogue/templates.json';
import { TemplateCatalogue } from './template-catalogue';

type Json = Record<string, unknown>;
const clone = (): Json => JSON.parse(JSON.stringify(templates)) as Json;

function load(data: unknown): TemplateCatalogue {
  const result = TemplateCatalogue.load(data);
  if (!result.ok) throw new Error(result.reason);
  return result.catalogue;
}

function withTemplate(key: string, template: Json): Json {
  const data = clone();
  (data.templates as Json)[key] = template;
  return data;
}

const minimal = (overrides: Json = {}, variant: Json = {}): Json => ({
  audience: 'reporter',
  description: 'test',
  variables: { reference: { type: 'reference' } },
  languages: { hi: { text: 'संदर्भ {{reference}}', ...variant } },
  ...overrides,
});

function problems(data: unknown): string {
  const result = TemplateCatalogue.load(data);
  if (result.ok) throw new Error('expected the catalogue to be refused');
  expect(result.code).toBe('TEMPLATE.INVALID_CATALOGUE');
  return result.reason;
}

describe(TemplateCatalogue.name, () => {
  const sut = load(templates);

  it('ships every notification the service sends, in Hindi and English, in every form', () => {
    expect(sut.keys().sort()).toEqual([
      'case-assigned',
      'case-escalated',
      'case-escalated-to-you',
      'case-new-in-queue',
      'case-resolved',
      'deadline-approaching',
      'deadline-breached',
      'registration-approved',
      'registration-pending',
      'report-acknowledged',
    ]);
    for (const key of sut.keys()) {
      for (const rendering of ['whatsapp-text', 'whatsapp-template', 'sms', 'app'] as const) {
        expect([key, rendering, sut.languagesWith(key, rendering)]).toEqual([key, rendering, ['hi', 'en']]);
      }
    }
  });

  it('chooses the recipient language, falling back to Hindi', () => {
    expect(sut.choose('case-assigned', 'sms', 'en')?.language).toBe('en');
    expect(sut.choose('case-assigned', 'sms', 'hi-Latn')?.language).toBe('hi');
    expect(sut.choose('case-assigned', 'sms', 'und')?.language).toBe('hi');
    expect(sut.choose('nope', 'sms', 'hi')).toBeUndefined();
  });

  it('falls back to the language a form exists in', () => {
    const catalogue = load(withTemplate('only-english-app', minimal({ languages: { hi: { text: '{{reference}}' }, en: { text: '{{reference}}', app: { title: 't', body: 'b {{reference}}' } } } })));
    expect(catalogue.choose('only-english-app', 'app', 'hi')?.language).toBe('en');
    expect(catalogue.choose('only-english-app', 'sms', 'hi')).toBeUndefined();
  });

  it('lists the WhatsApp templates to have approved', () => {
    expect(sut.whatsappTemplates()).toContainEqual({
      name: 'cc_case_resolved',
      language: 'hi',
      body: expect.stringContaining('{{3}}'),
      parameterCount: 3,
      buttonCount: 1,
    });
    expect(sut.whatsappTemplates()).toHaveLength(20);
  });

  it.each<[string, Json, string]>([
    ['an undeclared variable', minimal({}, { text: 'संदर्भ {{ref}}' }), 'hi.text: uses {{ref}}, which is not a declared variable'],
    ['stray braces', minimal({}, { text: 'संदर्भ {{reference}' }), 'hi.text: has braces that are not a {{variable}}'],
    ['spaces in a placeholder', minimal({}, { text: 'संदर्भ {{ reference }}' }), 'has braces that are not a {{variable}}'],
    [
      'a WhatsApp body whose placeholders do not match its parameters',
      minimal({}, { whatsappTemplate: { name: 'cc_x', body: 'a {{1}} b {{3}}', parameters: ['reference', 'reference'] } }),
      'the body uses {{1}}, {{3}} but 2 parameters are listed',
    ],
    [
      'a WhatsApp parameter that is not a variable',
      minimal({}, { whatsappTemplate: { name: 'cc_x', body: 'a {{1}}', parameters: ['ref'] } }),
      'parameter "ref" is not a declared variable',
    ],
    [
      'named variables in a WhatsApp body',
      minimal({}, { whatsappTemplate: { name: 'cc_x', body: 'a {{reference}}', parameters: [] } }),
      'uses placeholders other than {{1}}, {{2}}, ...',
    ],
    [
      'an undeclared variable in a button payload',
      minimal({}, { whatsappTemplate: { name: 'cc_x', body: 'a {{1}}', parameters: ['reference'], buttons: [{ type: 'quick_reply', text: 'Reopen', payload: 'REOPEN {{case}}' }] } }),
      'button 1 payload: uses {{case}}',
    ],
    [
      'a personal variable in an office-bearer template',
      minimal({ audience: 'office-bearer', variables: { reference: { type: 'reference' }, reporterName: { type: 'text', personal: true } } }),
      'office-bearers must not learn who reported (personal variable "reporterName")',
    ],
    ['no language at all', minimal({ languages: {} }), 'has no language'],
    ['an unknown language', minimal({ languages: { fr: { text: 'x' } } }), 'Unrecognized key: "fr"'],
    ['a bad WhatsApp template name', minimal({}, { whatsappTemplate: { name: 'Case-Resolved', body: 'a', parameters: [] } }), 'is lower-case letters, digits and underscores'],
    ['a field the schema does not know', minimal({ colour: 'red' }), 'Unrecognized key'],
  ])('refuses %s', (_name, template, reason) => {
    expect(problems(withTemplate('broken', template))).toContain(reason);
  });

  it('refuses a WhatsApp template name used by two templates in one language', () => {
    const data = withTemplate('copy', minimal({}, { whatsappTemplate: { name: 'cc_report_acknowledged', body: 'a {{1}}', parameters: ['reference'] } }));
    expect(problems(data)).toContain('copy: WhatsApp template cc_report_acknowledged/hi is already used by report-acknowledged');
  });
});
