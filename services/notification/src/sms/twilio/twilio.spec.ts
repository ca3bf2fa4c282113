import { buildTwilioRequest, type TwilioConfig } from './twilio-request';
import { parseTwilioResponse, twilioErrorRule } from './twilio-response';

const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const config: TwilioConfig = { baseUrl: 'https://api.twilio.com', accountSid: ACCOUNT_SID, authToken: 'secret-token' };

describe(buildTwilioRequest.name, () => {
  it('posts the form with Basic auth to the account Messages resource', () => {
    const request = buildTwilioRequest(
      { ...config, statusCallbackUrl: 'https://cc.example/callbacks/twilio?x=1' },
      { to: '+919876543210', from: 'CONNCT', body: 'Connect Center: ok', notificationId: 'ntf_1' },
    );
    if ('ok' in request) throw new Error(request.reason);

    expect(request).toMatchObject({
      method: 'POST',
      url: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      headers: {
        authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:secret-token`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: '+919876543210',
      From: 'CONNCT',
      Body: 'Connect Center: ok',
      StatusCallback: 'https://cc.example/callbacks/twilio?x=1&notificationId=ntf_1',
    });
  });

  it('sends through a Messaging Service instead of From', () => {
    const messagingServiceSid = `MG${'0'.repeat(32)}`;
    const request = buildTwilioRequest({ ...config, messagingServiceSid }, { to: '+919876543210', from: 'CONNCT', body: 'x' });
    if ('ok' in request) throw new Error(request.reason);
    const form = new URLSearchParams(request.body);
    expect([form.get('MessagingServiceSid'), form.has('From')]).toEqual([messagingServiceSid, false]);
  });

  it.each([
    [{ accountSid: 'AC123' }, {}, 'Account SID'],
    [{}, { to: '09876543210' }, 'not E.164'],
    [{}, { from: undefined }, 'a sender (From) or a Messaging Service is needed'],
    [{}, { body: 'x'.repeat(1601) }, 'the body must be 1 to 1600 characters'],
  ])('refuses a request Twilio would refuse (%#)', (configOverride, outboundOverride, reason) => {
    const result = buildTwilioRequest({ ...config, ...configOverride }, { to: '+919876543210', from: 'CONNCT', body: 'x', ...outboundOverride });
    expect(result).toMatchObject({ ok: false, code: 'TWILIO.INVALID_REQUEST', reason: expect.stringContaining(reason) });
  });
});

describe(parseTwilioResponse.name, () => {
  const response = (status: number, body: unknown) => ({ status, headers: new Headers(), text: JSON.stringify(body) });
  const twilioError = (code: number, message: string, status: number) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  it('returns the SID of the created message', () => {
    const sid = `SM${'f'.repeat(32)}`;
    expect(parseTwilioResponse(response(201, { sid, status: 'queued', to: '+919876543210' }))).toEqual({ ok: true, provider: 'twilio', providerMessageId: sid });
  });

  it.each([
    [21211, 400, 'permanent', 'PROVIDER.RECIPIENT_UNREACHABLE'],
    [21610, 400, 'permanent', 'PROVIDER.RECIPIENT_OPTED_OUT'],
    [20003, 401, 'permanent', 'PROVIDER.AUTH'],
    [20429, 429, 'retryable', 'PROVIDER.RATE_LIMITED'],
    [20500, 500, 'retryable', 'PROVIDER.UNAVAILABLE'],
    [99999, 503, 'retryable', 'PROVIDER.UNAVAILABLE'],
    [99999, 400, 'permanent', 'PROVIDER.REJECTED'],
  ])('classifies error %d (HTTP %d) as %s %s', (code, status, kind, failure) => {
    expect(parseTwilioResponse(response(status, twilioError(code, 'x', status)))).toMatchObject({ ok: false, kind, code: failure, providerCode: String(code) });
  });

  it('masks the number Twilio echoes in its message', () => {
    const result = parseTwilioResponse(response(400, twilioError(21211, "The 'To' number +919876543210 is not a valid phone number.", 400)));
    expect(result).toMatchObject({ reason: "Twilio error 21211: The 'To' number +91******3210 is not a valid phone number." });
  });

  it('calls a success without a SID ambiguous and a bare 502 retryable', () => {
    expect(parseTwilioResponse(response(201, {}))).toMatchObject({ kind: 'ambiguous' });
    expect(parseTwilioResponse({ status: 502, headers: new Headers(), text: 'Bad Gateway' })).toMatchObject({ kind: 'retryable' });
  });

  it('knows the delivery-time error codes', () => {
    expect(twilioErrorRule(30003)).toEqual({ kind: 'permanent', code: 'PROVIDER.RECIPIENT_UNREACHABLE' });
  });
});
