import { compileDltTemplate, type DltMatcher } from './dlt-matcher';

function compile(text: string): DltMatcher {
  const result = compileDltTemplate(text);
  if (!result.ok) throw new Error(result.reason);
  return result.matcher;
}

describe(compileDltTemplate.name, () => {
  const ack = compile('Connect Center: your report is received. Reference {#var#}. Track status at {#var#} -CONNCT');

  it('accepts the rendered text and returns the variable values', () => {
    expect(ack.match('Connect Center: your report is received. Reference CC-2026-000123. Track status at cc.example/t -CONNCT')).toEqual({
      ok: true,
      values: ['CC-2026-000123', 'cc.example/t'],
    });
    expect(ack.variableCount).toBe(2);
  });

  it('treats regex characters in the registered text as literal', () => {
    const sut = compile('Case (ref {#var#}) is [closed]? Reply *REOPEN* + $1.50 | done ^_^ \\o/');

    expect(sut.match('Case (ref CC-1) is [closed]? Reply *REOPEN* + $1.50 | done ^_^ \\o/')).toMatchObject({ ok: true });
    expect(sut.match('Case Xref CC-1) is [closed]? Reply *REOPEN* + $1.50 | done ^_^ \\o/')).toMatchObject({ ok: false, code: 'DLT.MISMATCH' });
    expect(sut.match('Case (ref CC-1) is [closed]! Reply *REOPEN* + $1.50 | done ^_^ \\o/')).toMatchObject({ ok: false });
    expect(sut.match('Case (ref CC-1) is [closed]? Reply *REOPEN* + $1X50 | done ^_^ \\o/')).toMatchObject({ ok: false });
  });

  it('allows a variable of up to 30 characters and no more', () => {
    const sut = compile('Ref {#var#} ok');

    expect(sut.match(`Ref ${'x'.repeat(30)} ok`)).toMatchObject({ ok: true });
    expect(sut.match('Ref  ok')).toEqual({ ok: true, values: [''] });
    expect(sut.match(`Ref ${'x'.repeat(31)} ok`)).toEqual({
      ok: false,
      code: 'DLT.VARIABLE_TOO_LONG',
      reason: 'variable 1 of the DLT template is 31 characters; TRAI allows 30',
    });
  });

  it('counts characters, not UTF-16 units, in a variable', () => {
    const sut = compile('नमस्ते {#var#}');

    expect(sut.match(`नमस्ते ${'😀'.repeat(30)}`)).toMatchObject({ ok: true });
    expect(sut.match(`नमस्ते ${'अनगड़ा '.repeat(4)}`)).toMatchObject({ ok: true });
  });

  it('matches Hindi templates exactly', () => {
    const sut = compile('आपकी शिकायत दर्ज हो गई है। संदर्भ संख्या {#var#} -CONNCT');

    expect(sut.match('आपकी शिकायत दर्ज हो गई है। संदर्भ संख्या CC-2026-000123 -CONNCT')).toMatchObject({ ok: true });
    expect(sut.match('आपकी शिकायत दर्ज हो गयी है। संदर्भ संख्या CC-2026-000123 -CONNCT')).toMatchObject({ ok: false, code: 'DLT.MISMATCH' });
  });

  it('is exact about spaces and case', () => {
    expect(ack.match('Connect Center:  your report is received. Reference A. Track status at B -CONNCT')).toMatchObject({ ok: false });
    expect(ack.match('connect Center: your report is received. Reference A. Track status at B -CONNCT')).toMatchObject({ ok: false });
  });

  it.each([
    ['Connect Centre: your report is received. Reference A. Track status at B -CONNCT', 'does not start as the registered DLT template does ("Connect Center: your rep…")'],
    ['Connect Center: your report is received. Ref A. Track status at B -CONNCT', 'does not start as'],
    ['Connect Center: your report is received. Reference A; Track status at B -CONNCT', 'differs from the registered DLT template at ". Track status at "'],
    ['Connect Center: your report is received. Reference A. Track status at B -CONNCT thanks', 'goes on after the end of the registered DLT template'],
  ])('says where %j departs from the template', (text, reason) => {
    const result = ack.match(text);
    expect(result).toMatchObject({ ok: false, code: 'DLT.MISMATCH' });
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('says when the text goes on after a template that ends with a variable', () => {
    const sut = compile('Ref {#var#}');
    expect(sut.match(`Ref ${'x'.repeat(20)}\nextra line that is long enough`)).toMatchObject({ ok: false, code: 'DLT.VARIABLE_TOO_LONG' });
  });

  it('refuses placeholders other than {#var#}', () => {
    expect(compileDltTemplate('OTP {#numeric#} for {#var#}')).toEqual({
      ok: false,
      code: 'DLT.UNSUPPORTED_PLACEHOLDER',
      reason: 'only {#var#} placeholders are supported, not {#numeric#}',
    });
    expect(compileDltTemplate('Ref {#VAR#}')).toMatchObject({ ok: false, code: 'DLT.UNSUPPORTED_PLACEHOLDER' });
  });

  it('refuses an empty template', () => {
    expect(compileDltTemplate('  ')).toMatchObject({ ok: false, code: 'DLT.EMPTY_TEMPLATE' });
  });
});
