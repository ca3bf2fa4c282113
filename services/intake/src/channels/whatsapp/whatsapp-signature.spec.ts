import { whatsAppSignatureHeader, whatsAppWebhook, whatsAppMessages } from '../fixtures';
import { verifyWhatsAppSignature } from './whatsapp-signature';

describe(verifyWhatsAppSignature.name, () => {
  const sut = verifyWhatsAppSignature;
  const secret = 'test-app-secret';
  // Computed with `openssl dgst -sha256 -hmac test-app-secret`, not with the code under test.
  const vectorBody = Buffer.from('{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[]}]}');
  const vectorHeader = 'sha256=189fef98da61097aae3babf256a311b3197e8c8dcbc96bcd99c3576e25a3dba9';

  it('accepts a signature computed independently over the raw bytes', () => {
    expect(sut(vectorBody, vectorHeader, secret)).toBe(true);
  });

  it('accepts upper-case hex', () => {
    expect(sut(vectorBody, `sha256=${vectorHeader.slice('sha256='.length).toUpperCase()}`, secret)).toBe(true);
  });

  it('accepts a real-shaped webhook signed as Meta signs it', () => {
    const raw = Buffer.from(JSON.stringify(whatsAppWebhook({ messages: [whatsAppMessages.text()] })));
    expect(sut(raw, whatsAppSignatureHeader(raw, secret), secret)).toBe(true);
  });

  it('rejects a body changed by one byte', () => {
    const tampered = Buffer.from(vectorBody.toString().replace('102290129340398', '102290129340399'));
    expect(sut(tampered, vectorHeader, secret)).toBe(false);
  });

  it('rejects the right body under another secret', () => {
    expect(sut(vectorBody, vectorHeader, 'other-secret')).toBe(false);
  });

  it('rejects a re-serialised body: only the bytes as received verify', () => {
    // Meta escapes non-ASCII as \uXXXX; JSON.stringify after parsing writes UTF-8 instead.
    const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[{"text":"\\u0936\\u093f\\u0915\\u093e\\u092f\\u0924"}]}');
    const header = whatsAppSignatureHeader(raw, secret);
    expect(sut(raw, header, secret)).toBe(true);
    expect(sut(Buffer.from(JSON.stringify(JSON.parse(raw.toString()))), header, secret)).toBe(false);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['no algorithm prefix', '189fef98da61097aae3babf256a311b3197e8c8dcbc96bcd99c3576e25a3dba9'],
    ['the sha1 scheme', 'sha1=189fef98da61097aae3babf256a311b3197e8c8'],
    ['non-hex digits', `sha256=${'z'.repeat(64)}`],
    ['a digest one byte short', vectorHeader.slice(0, -2)],
    ['a digest one byte long', `${vectorHeader}00`],
    ['a second value appended', `${vectorHeader},sha256=${'0'.repeat(64)}`],
  ])('rejects %s', (_, header) => {
    expect(sut(vectorBody, header, secret)).toBe(false);
  });

  it('fails closed when the app secret is not configured', () => {
    const header = whatsAppSignatureHeader(vectorBody, '');
    expect(sut(vectorBody, header, '')).toBe(false);
  });

  it('rejects when the raw body was not kept (rawBody disabled)', () => {
    expect(sut(undefined as unknown as Buffer, vectorHeader, secret)).toBe(false);
  });
});
