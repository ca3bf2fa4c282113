import type { HttpRequest } from '../providers/http-transport';
import { buildCloudApiRequest } from './cloud-api-request';
import type { WhatsAppOutbound } from './whatsapp-message';

const config = { baseUrl: 'https://graph.facebook.com/', apiVersion: 'v23.0', accessToken: 'EAAG-token' };
const outbound = (overrides: Partial<WhatsAppOutbound> = {}): WhatsAppOutbound => ({
  phoneNumberId: '106540352242922',
  recipient: { phone: '+919876543210' },
  message: { type: 'text', body: 'नमस्ते' },
  ...overrides,
});

function build(value: WhatsAppOutbound): HttpRequest & { json: Record<string, unknown> } {
  const request = buildCloudApiRequest(config, value);
  if ('ok' in request) throw new Error(request.reason);
  return { ...request, json: JSON.parse(request.body ?? '') as Record<string, unknown> };
}

describe(buildCloudApiRequest.name, () => {
  it('posts a text message to the phone number id with the bearer token', () => {
    const request = build(outbound({ callbackData: 'ntf_1' }));

    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://graph.facebook.com/v23.0/106540352242922/messages',
      headers: { authorization: 'Bearer EAAG-token', 'content-type': 'application/json' },
    });
    expect(request.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+919876543210',
      biz_opaque_callback_data: 'ntf_1',
      type: 'text',
      text: { preview_url: false, body: 'नमस्ते' },
    });
  });

  it('builds a template with body parameters and quick-reply payloads as Meta expects them', () => {
    const request = build(
      outbound({
        message: { type: 'template', name: 'cc_case_resolved', languageCode: 'hi', bodyParameters: ['CC-1', '7', 'CC-1'], buttonPayloads: ['REOPEN CC-1'] },
      }),
    );

    expect(request.json).toMatchObject({
      type: 'template',
      template: {
        name: 'cc_case_resolved',
        language: { code: 'hi' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'CC-1' }, { type: 'text', text: '7' }, { type: 'text', text: 'CC-1' }] },
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'REOPEN CC-1' }] },
        ],
      },
    });
  });

  it('leaves out components for a template without parameters', () => {
    const request = build(outbound({ message: { type: 'template', name: 'cc_x', languageCode: 'en', bodyParameters: [], buttonPayloads: [] } }));
    expect(request.json.template).toEqual({ name: 'cc_x', language: { code: 'en' } });
  });

  it('addresses a user known only by a business-scoped user id through `recipient`', () => {
    const request = build(outbound({ recipient: { bsuid: 'IN.1648738043044942' } }));
    expect(request.json).toMatchObject({ recipient: 'IN.1648738043044942' });
    expect(request.json).not.toHaveProperty('to');
  });

  it.each<[string, Partial<WhatsAppOutbound>, string]>([
    ['no recipient', { recipient: {} }, 'neither a phone number nor a business-scoped user id'],
    ['a number that is not E.164', { recipient: { phone: '9876543210' } }, 'is not E.164'],
    ['a malformed BSUID', { recipient: { bsuid: 'x y' } }, 'business-scoped user id is malformed'],
    ['a non-numeric phone-number id', { phoneNumberId: '../me' }, 'phone-number id is not numeric'],
    ['oversized callback data', { callbackData: 'x'.repeat(513) }, 'longer than 512'],
  ])('refuses %s without echoing the number', (_name, overrides, reason) => {
    const result = buildCloudApiRequest(config, outbound(overrides));
    expect(result).toMatchObject({ ok: false, code: 'WHATSAPP.INVALID_REQUEST', reason: expect.stringContaining(reason) });
    expect(JSON.stringify(result)).not.toContain('9876543210');
  });

  it('refuses an API version that is not vNN.N', () => {
    expect(buildCloudApiRequest({ ...config, apiVersion: '23' }, outbound())).toMatchObject({ ok: false });
  });
});
