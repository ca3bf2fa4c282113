import { DltRegistry } from './dlt-registry';
import type { DltTemplate } from './dlt-template';

const template = (overrides: Partial<DltTemplate> = {}): DltTemplate => ({
  templateId: '1107170000000000001',
  entityId: '1101170000000000001',
  header: 'CONNCT',
  category: 'service-implicit',
  text: 'Connect Center: report received, reference {#var#} -CONNCT',
  ...overrides,
});

function load(entries: unknown): DltRegistry {
  const result = DltRegistry.load(entries);
  if (!result.ok) throw new Error(result.reason);
  return result.registry;
}

describe(DltRegistry.name, () => {
  const sut = load([template(), template({ templateId: '1107170000000000009', category: 'promotional', header: '123456' })]);

  it('checks a rendered text against its registered template', () => {
    expect(sut.check('1107170000000000001', 'Connect Center: report received, reference CC-1 -CONNCT')).toEqual({
      ok: true,
      template: template(),
      values: ['CC-1'],
    });
  });

  it('refuses a text that does not match, naming the template', () => {
    const result = sut.check('1107170000000000001', 'Connect Center: report received! reference CC-1 -CONNCT');

    expect(result).toMatchObject({ ok: false, code: 'DLT.MISMATCH' });
    expect(result.ok ? '' : result.reason).toContain('(template 1107170000000000001)');
  });

  it('refuses an unknown template id', () => {
    expect(sut.check('1107170000000000002', 'x')).toMatchObject({ ok: false, code: 'DLT.UNKNOWN_TEMPLATE' });
  });

  it('never sends under a promotional template', () => {
    expect(sut.check('1107170000000000009', 'x')).toMatchObject({ ok: false, code: 'DLT.PROMOTIONAL_NOT_ALLOWED' });
  });

  it('looks a template up by id', () => {
    expect(sut.get('1107170000000000001')?.header).toBe('CONNCT');
    expect(sut.get('nope')).toBeUndefined();
  });

  it.each([
    [[template({ templateId: '123' })], 'templateId: is a 19-digit DLT content template id'],
    [[template({ entityId: 'PE-1' })], 'entityId: is a 19-digit DLT principal entity id'],
    [[template({ header: 'CONNECT' })], 'header: a service-implicit header is 6 letters'],
    [[template({ header: 'CC-123' })], 'header: a service-implicit header is 6 letters'],
    [[template({ category: 'promotional' })], 'header: a promotional header is 6 digits'],
    [[template(), template()], 'template 1107170000000000001 is registered twice'],
    [[template({ text: 'OTP {#numeric#}' })], 'only {#var#} placeholders are supported'],
    [[{ ...template(), extra: 1 }], 'Unrecognized key'],
  ])('refuses an invalid registry (%#)', (entries, reason) => {
    const result = DltRegistry.load(entries);
    expect(result).toMatchObject({ ok: false, code: 'DLT.INVALID_REGISTRY' });
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('reports every problem at once', () => {
    const result = DltRegistry.load([template({ templateId: '1' }), template({ entityId: '2' })]);
    expect(result.ok ? '' : result.reason.split('; ')).toHaveLength(2);
  });
});
