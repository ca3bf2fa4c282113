import { emptyTwiml, escapeXml, messageTwiml } from './twiml';

describe(emptyTwiml.name, () => {
  it('is an empty Response document', () => {
    expect(emptyTwiml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});

describe(messageTwiml.name, () => {
  const sut = messageTwiml;

  it('wraps the text in one Message', () => {
    expect(sut('आपकी शिकायत दर्ज: JH-2026-00042')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>आपकी शिकायत दर्ज: JH-2026-00042</Message></Response>',
    );
  });

  it('escapes markup so the text cannot add elements', () => {
    expect(sut('</Message><Redirect>https://evil.example</Redirect> & "x" \'y\'')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>&lt;/Message&gt;&lt;Redirect&gt;https://evil.example&lt;/Redirect&gt; &amp; &quot;x&quot; &apos;y&apos;</Message></Response>',
    );
  });
});

describe(escapeXml.name, () => {
  it('drops characters XML 1.0 cannot carry and keeps tab, newlines and emoji', () => {
    expect(escapeXml('a\u0000b\u0007c\u001Fd\tе\n\r🙏\uFFFE')).toBe('abcd\tе\n\r🙏');
  });

  it('drops a lone surrogate but keeps a pair', () => {
    expect(escapeXml('x\uD83Dy\uDE4Fz\uD83D\uDE4F')).toBe('xyz🙏');
  });
});
