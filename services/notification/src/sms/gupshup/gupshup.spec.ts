import { buildGupshupRequest, type GupshupOutbound } from './gupshup-request';
import { parseGupshupResponse } from './gupshup-response';

const config = { baseUrl: 'https://enterprise.smsgupshup.com/', userId: '2000123456', password: 'pa ss&word' };
const outbound = (overrides: Partial<GupshupOutbound> = {}): GupshupOutbound => ({
  to: '+919876543210',
  text: 'कनेक्ट सेंटर: आपकी रिपोर्ट मिल गई है। संदर्भ संख्या CC-1',
  encoding: 'UCS-2',
  dlt: { entityId: '1101000000000000001', templateId: '1107000000000000001', header: 'CONNCT' },
  ...overrides,
});

describe(buildGupshupRequest.name, () => {
  it('posts every parameter the enterprise API and DLT need, form-encoded', () => {
    const request = buildGupshupRequest(config, outbound());
    if ('ok' in request) throw new Error(request.reason);

    expect(request).toMatchObject({ method: 'POST', url: 'https://enterprise.smsgupshup.com/GatewayAPI/rest' });
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      method: 'SendMessage',
      send_to: '919876543210',
      msg: 'कनेक्ट सेंटर: आपकी रिपोर्ट मिल गई है। संदर्भ संख्या CC-1',
      msg_type: 'UNICODE_TEXT',
      userid: '2000123456',
      password: 'pa ss&word',
      auth_scheme: 'plain',
      v: '1.1',
      format: 'json',
      mask: 'CONNCT',
      principalEntityId: '1101000000000000001',
      dltTemplateId: '1107000000000000001',
    });
  });

  it('sends GSM-7 text as TEXT', () => {
    const request = buildGupshupRequest(config, outbound({ text: 'Connect Center: ok', encoding: 'GSM-7' }));
    expect('ok' in request ? '' : new URLSearchParams(request.body).get('msg_type')).toBe('TEXT');
  });

  it.each([
    [outbound({ to: '+14155550100' }), 'not an Indian mobile number'],
    [outbound({ text: '' }), 'the message is empty'],
  ])('refuses what DLT routes cannot carry (%#)', (value, reason) => {
    expect(buildGupshupRequest(config, value)).toMatchObject({ ok: false, code: 'GUPSHUP.INVALID_REQUEST', reason: expect.stringContaining(reason) });
  });
});

describe(parseGupshupResponse.name, () => {
  const response = (body: unknown, status = 200) => ({ status, headers: new Headers(), text: typeof body === 'string' ? body : JSON.stringify(body) });
  const error = (id: string, details: string) => ({ response: { id, details, status: 'error' } });

  it('returns the message id on success', () => {
    expect(parseGupshupResponse(response({ response: { id: '3940265861', phone: '919876543210', details: '', status: 'success' } }))).toEqual({
      ok: true,
      provider: 'gupshup',
      providerMessageId: '3940265861',
    });
  });

  it.each([
    [error('102', 'Authentication failed due to invalid userId or password.'), 'permanent', 'PROVIDER.AUTH'],
    [error('105', 'The phone number 919876543210 is not a valid phone number.'), 'permanent', 'PROVIDER.RECIPIENT_UNREACHABLE'],
    [error('175', 'The "INTERNATIONAL_PHONE" service is disabled for you.'), 'permanent', 'PROVIDER.ACCOUNT_RESTRICTED'],
    [error('200', 'DLT template id does not match the message'), 'permanent', 'PROVIDER.TEMPLATE_REJECTED'],
    [error('100', 'An unknown exception has occurred. Please retry the request after some time.'), 'retryable', 'PROVIDER.UNAVAILABLE'],
    [error('300', 'Something else'), 'permanent', 'PROVIDER.REJECTED'],
  ])('classifies an error answer (%#)', (body, kind, code) => {
    expect(parseGupshupResponse(response(body))).toMatchObject({ ok: false, kind, code });
  });

  it('masks the number in the reason', () => {
    const result = parseGupshupResponse(response(error('105', 'The phone number 919876543210 is not a valid phone number.')));
    expect(result).toMatchObject({ reason: 'Gupshup error 105: The phone number +91******3210 is not a valid phone number.' });
  });

  it('reads HTTP failures of the gateway by status', () => {
    expect(parseGupshupResponse(response('busy', 503))).toMatchObject({ kind: 'retryable', code: 'PROVIDER.UNAVAILABLE' });
    expect(parseGupshupResponse(response('slow down', 429))).toMatchObject({ kind: 'retryable', code: 'PROVIDER.RATE_LIMITED' });
  });

  it('calls a 200 it cannot read ambiguous', () => {
    expect(parseGupshupResponse(response('success | 919876543210 | 3940265861'))).toMatchObject({ kind: 'ambiguous', code: 'PROVIDER.MALFORMED_RESPONSE' });
  });
});
