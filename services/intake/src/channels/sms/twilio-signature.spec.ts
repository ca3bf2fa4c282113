import { twilioSignatureHeader, twilioSms, TWILIO_WEBHOOK_URL } from '../fixtures';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature';

// The worked example of Twilio's webhook-security documentation. Two versions of the page are in
// circulation with different Caller/From numbers; each prints the signature for its own numbers.
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOC_TOKEN = '12345';
const docParams = (caller: string) => ({ CallSid: 'CA1234567890ABCDE', Caller: caller, Digits: '1234', From: caller, To: '+18005551212' });
const CURRENT_DOC = { params: docParams('+14158675310'), signature: 'GvWf1cFY/Q7PnoempGyD5oXAezc=' };
const OLDER_DOC = { params: docParams('+12349013030'), signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' };

describe(verifyTwilioSignature.name, () => {
  const sut = verifyTwilioSignature;

  it.each([
    ['current', CURRENT_DOC],
    ['older', OLDER_DOC],
  ])("accepts the %s documentation vector", (_, vector) => {
    expect(sut(DOC_URL, vector.params, vector.signature, DOC_TOKEN)).toBe(true);
  });

  it('does not accept one version’s signature for the other version’s numbers', () => {
    expect(sut(DOC_URL, OLDER_DOC.params, CURRENT_DOC.signature, DOC_TOKEN)).toBe(false);
  });

  it('sorts parameters by name, whatever order they arrive in', () => {
    const { To, From, Digits, Caller, CallSid } = CURRENT_DOC.params;
    expect(sut(DOC_URL, { To, From, Digits, Caller, CallSid }, CURRENT_DOC.signature, DOC_TOKEN)).toBe(true);
  });

  it.each([
    ['a changed parameter value', DOC_URL, { ...CURRENT_DOC.params, Digits: '9999' }],
    ['an added parameter', DOC_URL, { ...CURRENT_DOC.params, Body: '' }],
    ['another query string', 'https://mycompany.com/myapp.php?foo=1&bar=3', CURRENT_DOC.params],
    ['http instead of https', 'http://mycompany.com/myapp.php?foo=1&bar=2', CURRENT_DOC.params],
  ])('rejects %s', (_, url, params) => {
    expect(sut(url, params, CURRENT_DOC.signature, DOC_TOKEN)).toBe(false);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a truncated signature', CURRENT_DOC.signature.slice(0, -1)],
    ['a signature with extra characters', `${CURRENT_DOC.signature}=`],
    ['garbage', 'not-a-signature'],
  ])('rejects %s', (_, header) => {
    expect(sut(DOC_URL, CURRENT_DOC.params, header, DOC_TOKEN)).toBe(false);
  });

  it('rejects under another auth token, and fails closed without one', () => {
    expect(sut(DOC_URL, CURRENT_DOC.params, CURRENT_DOC.signature, '54321')).toBe(false);
    expect(sut(DOC_URL, CURRENT_DOC.params, twilioSignature(DOC_URL, CURRENT_DOC.params, ''), '')).toBe(false);
  });

  it('verifies a real-shaped inbound SMS signed with the fixture helper', () => {
    const params = twilioSms();
    expect(sut(TWILIO_WEBHOOK_URL, params, twilioSignatureHeader(params, 'tok'), 'tok')).toBe(true);
  });
});
