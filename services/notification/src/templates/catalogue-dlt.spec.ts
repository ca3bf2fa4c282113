import { loadBundledTemplates } from './bundled-templates';
import dltTemplates from './catalogue/dlt-templates.json';
import templates from './catalogue/templates.json';

describe(loadBundledTemplates.name, () => {
  it('loads the shipped catalogue and registry, which agree', () => {
    expect(loadBundledTemplates()).toMatchObject({ ok: true });
  });

  it('refuses a catalogue SMS text that drifted from its DLT registration', () => {
    const drifted = JSON.parse(JSON.stringify(templates)) as typeof templates;
    drifted.templates['case-assigned'].languages.en.sms.text += ' Thank you.';
    const result = loadBundledTemplates(drifted, dltTemplates);
    expect(result).toEqual({
      ok: false,
      code: 'TEMPLATE.INVALID_CATALOGUE',
      reason: 'case-assigned.en.sms: the text differs from DLT template 1107000000000000004 as registered',
    });
  });

  it('refuses a catalogue SMS whose DLT template is not registered', () => {
    const result = loadBundledTemplates(templates, dltTemplates.slice(1));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('report-acknowledged.hi.sms: DLT template 1107000000000000001 is not in the registry') });
  });
});
