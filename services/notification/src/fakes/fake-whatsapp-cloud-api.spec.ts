import { bundledTemplates } from '../templates/fixtures';
import { WhatsAppCloudClient } from '../whatsapp/cloud-api-client';
import type { WhatsAppOutbound } from '../whatsapp/whatsapp-message';
import { FakeWhatsAppCloudApi } from './fake-whatsapp-cloud-api';

const PHONE_NUMBER_ID = '106540352242922';
const TOKEN = 'EAAG-test-token';
const { catalogue } = bundledTemplates();

const text = (overrides: Partial<WhatsAppOutbound> = {}): WhatsAppOutbound => ({
  phoneNumberId: PHONE_NUMBER_ID,
  recipient: { phone: '+919876543210' },
  message: { type: 'text', body: 'आपकी रिपोर्ट मिल गई' },
  callbackData: 'ntf_1',
  ...overrides,
});

const template = (name = 'cc_report_acknowledged', bodyParameters = ['CC-1']): WhatsAppOutbound =>
  text({ message: { type: 'template', name, languageCode: 'hi', bodyParameters, buttonPayloads: [] } });

describe(FakeWhatsAppCloudApi.name, () => {
  let fake: FakeWhatsAppCloudApi;
  let sut: WhatsAppCloudClient;

  beforeAll(async () => {
    fake = await new FakeWhatsAppCloudApi({ accessToken: TOKEN, phoneNumberIds: [PHONE_NUMBER_ID], templates: catalogue.whatsappTemplates() }).start();
  });
  beforeEach(() => {
    fake.reset();
    fake.accepted.length = 0;
    sut = new WhatsAppCloudClient({ baseUrl: fake.url, apiVersion: 'v23.0', accessToken: TOKEN, timeoutMs: 2000 });
  });
  afterAll(() => fake.close());

  it('accepts a text message and returns its wamid', async () => {
    const outcome = await sut.send(text());

    expect(outcome).toEqual({ ok: true, provider: 'meta-cloud-api', providerMessageId: fake.accepted[0]?.wamid });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: `/v23.0/${PHONE_NUMBER_ID}/messages` });
    expect(fake.accepted[0]?.body).toMatchObject({ to: '+919876543210', biz_opaque_callback_data: 'ntf_1', text: { body: 'आपकी रिपोर्ट मिल गई' } });
  });

  it('accepts every template of the catalogue with its parameters', async () => {
    const outcome = await sut.send(template('cc_case_new_in_queue', ['CC-1', 'BDO', 'Angara', '26-11-2026 15:30']));
    expect(outcome).toMatchObject({ ok: true });
  });

  it('refuses a template that was not approved in that language (132001)', async () => {
    expect(await sut.send(template('cc_unknown'))).toMatchObject({ ok: false, kind: 'permanent', code: 'PROVIDER.TEMPLATE_REJECTED', providerCode: '132001', httpStatus: 404 });
  });

  it('refuses a template with the wrong number of parameters (132000)', async () => {
    expect(await sut.send(template('cc_report_acknowledged', []))).toMatchObject({ providerCode: '132000', code: 'PROVIDER.TEMPLATE_REJECTED' });
  });

  it('refuses a parameter with a new line, as Meta does', async () => {
    expect(await sut.send(template('cc_report_acknowledged', ['CC\n1']))).toMatchObject({ providerCode: '100', code: 'PROVIDER.INVALID_REQUEST' });
  });

  it('refuses a wrong token (190) and an unknown phone-number id (100/33)', async () => {
    const wrongToken = new WhatsAppCloudClient({ baseUrl: fake.url, apiVersion: 'v23.0', accessToken: 'nope' });
    expect(await wrongToken.send(text())).toMatchObject({ code: 'PROVIDER.AUTH', providerCode: '190', httpStatus: 401 });
    expect(await sut.send(text({ phoneNumberId: '999' }))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', reason: expect.stringContaining('subcode 33') });
  });

  it('refuses free text outside the window when told who has one open (131047)', async () => {
    const windowed = await new FakeWhatsAppCloudApi({ accessToken: TOKEN, phoneNumberIds: [PHONE_NUMBER_ID], templates: [], openWindows: new Set(['+917004123456']) }).start();
    try {
      const client = new WhatsAppCloudClient({ baseUrl: windowed.url, apiVersion: 'v23.0', accessToken: TOKEN });
      expect(await client.send(text())).toMatchObject({ ok: false, kind: 'permanent', code: 'PROVIDER.OUTSIDE_WINDOW', providerCode: '131047' });
      expect(await client.send(text({ recipient: { phone: '+917004123456' } }))).toMatchObject({ ok: true });
    } finally {
      await windowed.close();
    }
  });

  it('addresses a business-scoped user id', async () => {
    expect(await sut.send(text({ recipient: { bsuid: 'IN.1648738043044942' } }))).toMatchObject({ ok: true });
    expect(fake.accepted[0]?.body).toMatchObject({ recipient: 'IN.1648738043044942' });
  });

  it('fails the next requests on demand, then recovers', async () => {
    fake.failNextWith(2, 131000);
    expect(await sut.send(text())).toMatchObject({ ok: false, kind: 'retryable', code: 'PROVIDER.UNAVAILABLE', httpStatus: 500 });
    expect(await sut.send(text())).toMatchObject({ ok: false, kind: 'retryable' });
    expect(await sut.send(text())).toMatchObject({ ok: true });
    expect(fake.requests).toHaveLength(3);
  });

  it('rate-limits per phone-number id with 130429', async () => {
    fake.limitRate(1, 2);
    const outcomes = [await sut.send(text()), await sut.send(text()), await sut.send(text())];
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.providerCode))).toEqual(['ok', 'ok', '130429']);
    expect(outcomes[2]).toMatchObject({ kind: 'retryable', code: 'PROVIDER.RATE_LIMITED', httpStatus: 429 });
  });

  it('answers slowly on demand, which the client reports as an ambiguous timeout', async () => {
    fake.delay(200);
    const impatient = new WhatsAppCloudClient({ baseUrl: fake.url, apiVersion: 'v23.0', accessToken: TOKEN, timeoutMs: 50 });
    expect(await impatient.send(text())).toMatchObject({ ok: false, kind: 'ambiguous', code: 'PROVIDER.TIMEOUT' });
  });
});
