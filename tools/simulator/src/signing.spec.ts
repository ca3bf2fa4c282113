import { gupshupMessageId as intakeGupshupId } from '../../../services/intake/src/channels/sms/gupshup-inbound.parser';
import { verifyTwilioSignature } from '../../../services/intake/src/channels/sms/twilio-signature';
import { verifyWhatsAppSignature } from '../../../services/intake/src/channels/whatsapp/whatsapp-signature';
import { gupshupMessageId, twilioSignature, whatsAppSignature } from './signing';

// Providers' algorithms, checked against intake's own verifiers (the simulator is a client and
// computes them itself) and against fixed vectors, so that a change on either side shows here.
describe('provider signatures', () => {
  const body = '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}]}';

  it('signs a WhatsApp body as intake verifies it', () => {
    const header = whatsAppSignature(body, 'local-dev-only-whatsapp-app-secret');
    expect(verifyWhatsAppSignature(Buffer.from(body), header, 'local-dev-only-whatsapp-app-secret')).toBe(true);
    expect(verifyWhatsAppSignature(Buffer.from(`${body} `), header, 'local-dev-only-whatsapp-app-secret')).toBe(false);
    expect(whatsAppSignature('hello', 'secret')).toBe('sha256=88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b');
  });

  it('signs Devanagari text over its UTF-8 bytes', () => {
    const hindi = JSON.stringify({ text: 'प्रखंड कार्यालय में BDO नहीं मिले' });
    expect(verifyWhatsAppSignature(Buffer.from(hindi, 'utf8'), whatsAppSignature(hindi, 's3cret'), 's3cret')).toBe(true);
  });

  it('signs Twilio parameters as intake verifies them', () => {
    const url = 'http://127.0.0.1:3001/webhooks/sms/twilio';
    const params = { MessageSid: 'SM1', From: '+919876500001', Body: 'Kanke block me BDO nahi aaye', To: '+916512000002' };
    const signature = twilioSignature(url, params, 'local-dev-only-twilio-auth-token');
    expect(verifyTwilioSignature(url, params, signature, 'local-dev-only-twilio-auth-token')).toBe(true);
    expect(verifyTwilioSignature(`${url}/`, params, signature, 'local-dev-only-twilio-auth-token')).toBe(false);
    // Twilio's documented example (twilio.com/docs/usage/security).
    expect(
      twilioSignature(
        'https://mycompany.com/myapp.php?foo=1&bar=2',
        { CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' },
        '12345',
      ),
    ).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('derives the Gupshup message id intake derives', () => {
    expect(gupshupMessageId('+919876500001', '1795665600000', 'BDO nahi aaye')).toBe(intakeGupshupId('+919876500001', '1795665600000', 'BDO nahi aaye'));
  });
});
