import { GupshupClient } from '../sms/gupshup/gupshup-client';
import type { GupshupOutbound } from '../sms/gupshup/gupshup-request';
import { bundledTemplates, REFERENCE } from '../templates/fixtures';
import { renderSms } from '../templates/render';
import { FakeGupshup } from './fake-gupshup';

const { catalogue, dlt } = bundledTemplates();

function acknowledgement(language: 'hi' | 'en'): GupshupOutbound {
  const rendered = renderSms(catalogue, dlt, 'report-acknowledged', language, { reference: REFERENCE });
  if ('ok' in rendered) throw new Error(rendered.reason);
  return { to: '+919876543210', text: rendered.text, encoding: rendered.segments.encoding, dlt: rendered.dlt };
}

describe(FakeGupshup.name, () => {
  let fake: FakeGupshup;
  let sut: GupshupClient;

  beforeAll(async () => {
    fake = await new FakeGupshup({ userId: '2000123456', password: 'secret', dlt }).start();
  });
  beforeEach(() => {
    fake.reset();
    fake.accepted.length = 0;
    sut = new GupshupClient({ baseUrl: fake.url, userId: '2000123456', password: 'secret', timeoutMs: 2000 });
  });
  afterAll(() => fake.close());

  it.each(['hi', 'en'] as const)('accepts a %s SMS that matches its DLT registration', async (language) => {
    const outcome = await sut.send(acknowledgement(language));

    expect(outcome).toEqual({ ok: true, provider: 'gupshup', providerMessageId: fake.accepted[0]?.id });
    expect(fake.accepted[0]?.params).toMatchObject({
      send_to: '919876543210',
      msg_type: language === 'hi' ? 'UNICODE_TEXT' : 'TEXT',
      mask: 'CONNCT',
      dltTemplateId: language === 'hi' ? '1107000000000000001' : '1107000000000000002',
    });
  });

  it('refuses, as an operator would, a text that does not match its DLT template', async () => {
    const outbound = { ...acknowledgement('en'), text: 'Connect Center: hello' };
    expect(await sut.send(outbound)).toMatchObject({ ok: false, kind: 'permanent', code: 'PROVIDER.TEMPLATE_REJECTED' });
  });

  it('refuses wrong credentials with 102', async () => {
    const client = new GupshupClient({ baseUrl: fake.url, userId: '2000123456', password: 'wrong' });
    expect(await client.send(acknowledgement('en'))).toMatchObject({ code: 'PROVIDER.AUTH', providerCode: '102' });
  });

  it('fails on demand with a retryable answer', async () => {
    fake.failNextWith(1, '100', 'An unknown exception has occurred. Please retry the request after some time.');
    expect(await sut.send(acknowledgement('en'))).toMatchObject({ kind: 'retryable' });
    expect(await sut.send(acknowledgement('en'))).toMatchObject({ ok: true });
  });

  it('rate-limits with HTTP 429 and Retry-After', async () => {
    fake.limitRate(1, 1);
    await sut.send(acknowledgement('en'));
    expect(await sut.send(acknowledgement('en'))).toMatchObject({ kind: 'retryable', code: 'PROVIDER.RATE_LIMITED', retryAfterMs: 1000 });
  });

  it('speaks the text format too, for GET requests', async () => {
    const query = new URLSearchParams({ method: 'SendMessage', userid: '2000123456', password: 'secret', auth_scheme: 'plain', v: '1.1', send_to: '9876543210', msg: 'x', msg_type: 'TEXT' });
    const response = await fetch(`${fake.url}/GatewayAPI/rest?${query}`);
    expect(await response.text()).toBe('error | 110 | DLT principalEntityId and dltTemplateId are mandatory.');
  });
});
