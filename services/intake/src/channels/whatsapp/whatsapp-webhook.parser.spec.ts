import {
  WA_DISPLAY_PHONE_NUMBER,
  WA_PHONE_NUMBER_ID,
  WA_SECOND_SENDER,
  WA_SECOND_SENDER_BSUID,
  WA_SECOND_SENDER_E164,
  WA_SECOND_SENDER_NAME,
  WA_SENDER,
  WA_SENDER_BSUID,
  WA_SENDER_E164,
  WA_SENDER_NAME,
  WA_TIMESTAMP_ISO,
  wamid,
  whatsAppBsuidContact,
  whatsAppBsuidTextMessage,
  whatsAppChange,
  whatsAppContact,
  whatsAppContactsFor,
  whatsAppEntry,
  whatsAppEnvelope,
  whatsAppFailedStatus,
  whatsAppMessages,
  whatsAppStatus,
  whatsAppWebhook,
} from '../fixtures';
import type { ChannelMessage } from '../channel-message';
import { parseWhatsAppWebhook, type WhatsAppWebhookParsed } from './whatsapp-webhook.parser';

const sut = parseWhatsAppWebhook;

function parsed(body: unknown): WhatsAppWebhookParsed {
  const result = sut(body);
  if (!result.ok) throw new Error(`expected the webhook to parse, got ${result.code}: ${result.reason}`);
  return result;
}

/** The only message of a one-message webhook. */
function single(message: Record<string, unknown>, contacts?: Array<Record<string, unknown>>): ChannelMessage {
  const result = parsed(whatsAppWebhook({ messages: [message], ...(contacts ? { contacts } : {}) }));
  expect(result.ignored).toEqual([]);
  expect(result.messages).toHaveLength(1);
  return result.messages[0];
}

describe(parseWhatsAppWebhook.name, () => {
  describe('message types', () => {
    it('reads a text message with sender, name, time and the business number it came to', () => {
      const message = whatsAppMessages.text('प्रखंड कार्यालय में BDO नहीं मिले');
      expect(single(message)).toEqual({
        channel: 'whatsapp',
        provider: 'meta-cloud-api',
        providerMessageId: message.id,
        sender: { kind: 'phone', e164: WA_SENDER_E164 },
        senderAliases: [{ kind: 'whatsapp-bsuid', id: WA_SENDER_BSUID }],
        senderName: WA_SENDER_NAME,
        providerTimestamp: WA_TIMESTAMP_ISO,
        destination: { id: WA_PHONE_NUMBER_ID, address: WA_DISPLAY_PHONE_NUMBER },
        kind: 'text',
        text: 'प्रखंड कार्यालय में BDO नहीं मिले',
      });
    });

    it('reads a location', () => {
      expect(single(whatsAppMessages.location())).toMatchObject({
        kind: 'location',
        text: '',
        location: { latitude: 23.3441, longitude: 85.3096, name: 'Block Office Kanke', address: 'Kanke Road, Ranchi, Jharkhand 834008' },
      });
    });

    it('reads a location without name or address', () => {
      const message = single(whatsAppMessages.location({ location: { latitude: 24.79, longitude: 85.0 } }));
      expect(message.location).toEqual({ latitude: 24.79, longitude: 85.0 });
    });

    it('reads an image with its media id, mime type, sha256 and caption as text', () => {
      expect(single(whatsAppMessages.image())).toMatchObject({
        kind: 'media',
        text: 'सड़क का काम अधूरा',
        media: [
          {
            type: 'image',
            providerMediaId: '1003383421387256',
            mimeType: 'image/jpeg',
            sha256: 'ZUyzHoZkt9vVtxAVhpMMl7Xz3ZBq1LZ8Lk1Zr6e0Qk4=',
            caption: 'सड़क का काम अधूरा',
          },
        ],
      });
    });

    it('reads a voice note (audio has no caption)', () => {
      const message = single(whatsAppMessages.audio());
      expect(message).toMatchObject({ kind: 'media', text: '' });
      expect(message.media).toEqual([
        { type: 'audio', providerMediaId: '1426839151739917', mimeType: 'audio/ogg; codecs=opus', sha256: 'aBcD1eFgH2iJkL3mNoP4qRsT5uVwX6yZ7aBcD8eFgH0=' },
      ]);
    });

    it('reads a video', () => {
      expect(single(whatsAppMessages.video())).toMatchObject({
        kind: 'media',
        text: 'जनसभा',
        media: [{ type: 'video', providerMediaId: '1170744201224963', mimeType: 'video/mp4', caption: 'जनसभा' }],
      });
    });

    it('reads a document with its file name', () => {
      expect(single(whatsAppMessages.document()).media).toEqual([
        {
          type: 'document',
          providerMediaId: '1528763298133548',
          mimeType: 'application/pdf',
          sha256: 'kL5mN4oP3qR2sT1uV0wX9yZ8aB7cD6eF5gH4iJ3kL2m=',
          caption: 'Complaint letter',
          filename: 'shikayat.pdf',
        },
      ]);
    });

    it('reads an interactive button reply, and the message it replies to', () => {
      const message = whatsAppMessages.buttonReply();
      expect(single(message)).toMatchObject({
        kind: 'interactive',
        text: 'शिकायत दर्ज करें',
        interactive: { type: 'button_reply', id: 'complaint', title: 'शिकायत दर्ज करें' },
        replyTo: { providerMessageId: (message.context as { id: string }).id },
      });
    });

    it('reads an interactive list reply with its description', () => {
      expect(single(whatsAppMessages.listReply())).toMatchObject({
        kind: 'interactive',
        text: 'BDO',
        interactive: { type: 'list_reply', id: 'cat_bdo', title: 'BDO', description: 'Block Development Officer' },
      });
    });

    it('reads a template quick-reply button (type "button")', () => {
      expect(single(whatsAppMessages.templateButton())).toMatchObject({
        kind: 'button',
        text: 'हाँ, आऊँगा',
        interactive: { type: 'template_button', id: 'meeting_yes', title: 'हाँ, आऊँगा' },
      });
    });

    it('takes context.id as the message replied to, for any type', () => {
      const message = single(whatsAppMessages.text('हाँ', { context: { from: WA_DISPLAY_PHONE_NUMBER, id: 'wamid.ORIGINAL' } }));
      expect(message.replyTo).toEqual({ providerMessageId: 'wamid.ORIGINAL' });
    });

    it('ignores a reaction with a reason: it is not a report', () => {
      const reaction = whatsAppMessages.reaction();
      const result = parsed(whatsAppWebhook({ messages: [reaction] }));
      expect(result.messages).toEqual([]);
      expect(result.ignored).toEqual([{ reason: 'a reaction is not a report', providerMessageId: reaction.id }]);
    });

    it.each([
      ['sticker', whatsAppMessages.sticker(), 'message type "sticker" is not supported'],
      ['contacts', whatsAppMessages.contacts(), 'message type "contacts" is not supported'],
      ['order', whatsAppMessages.order(), 'message type "order" is not supported'],
      ['system', whatsAppMessages.system(), 'message type "system" is not supported'],
      ['unsupported', whatsAppMessages.unsupported(), 'message type "unsupported" is not supported (Message type unknown 131051)'],
      ['a type invented tomorrow', whatsAppMessages.text('x', { type: 'hologram', hologram: { id: '1' } }), 'message type "hologram" is not supported'],
    ])('accepts %s as an unsupported message, marked with the reason', (_, raw, reason) => {
      expect(single(raw)).toMatchObject({
        providerMessageId: raw.id,
        sender: { kind: 'phone', e164: WA_SENDER_E164 },
        kind: 'unsupported',
        text: '',
        unsupportedReason: reason,
      });
    });

    it('accepts an interactive reply of a kind it does not read (a Flow) as unsupported', () => {
      const raw = whatsAppMessages.buttonReply({ interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', response_json: '{}' } } });
      expect(single(raw)).toMatchObject({ kind: 'unsupported', unsupportedReason: 'interactive type "nfm_reply" is not supported' });
    });

    it.each([
      ['an image without a media id', whatsAppMessages.image({ image: { mime_type: 'image/jpeg' } }), /^image payload is malformed: id: /],
      ['a text without a body', whatsAppMessages.text('x', { text: {} }), /^text payload is malformed: body: /],
      ['a location out of range', whatsAppMessages.location({ location: { latitude: 123, longitude: 85 } }), /^location payload is malformed: latitude: /],
      ['a location given as strings', whatsAppMessages.location({ location: { latitude: '23.3', longitude: '85.3' } }), /^location payload is malformed/],
      ['a button reply without a title', whatsAppMessages.buttonReply({ interactive: { type: 'button_reply', button_reply: { id: 'x' } } }), /^interactive payload is malformed/],
      ['a template button without text', whatsAppMessages.templateButton({ button: { payload: 'p' } }), /^button payload is malformed: text: /],
    ])('keeps %s as unsupported instead of dropping it', (_, raw, reason) => {
      const message = single(raw);
      expect(message.kind).toBe('unsupported');
      expect(message.unsupportedReason).toMatch(reason);
    });
  });

  describe('text is data', () => {
    it.each([
      ['markup', '<script>alert("x")</script><b>BDO</b> &amp;'],
      ['a Mongo operator', '{"$where": "sleep(1000)", "$gt": ""}'],
      ['control characters', 'line1\u0000\u0007\u001b[31mred\r\nline2\t'],
      ['surrounding whitespace', '   शिकायत   \n'],
      ['bidirectional overrides and zero-width joiners', '\u202eevil\u202c क्\u200dष'],
      ['an empty body', ''],
    ])('keeps %s verbatim', (_, body) => {
      expect(single(whatsAppMessages.text(body)).text).toBe(body);
    });

    it('keeps a caption verbatim', () => {
      const caption = '<img src=x onerror=alert(1)> $ne';
      expect(single(whatsAppMessages.image({ image: { id: '1', mime_type: 'image/jpeg', sha256: 'x', caption } })).text).toBe(caption);
    });
  });

  describe('senders', () => {
    it('identifies a user without a phone number by the BSUID in from_user_id, named from the contact', () => {
      const message = whatsAppBsuidTextMessage();
      const result = single(message, [whatsAppBsuidContact(WA_SENDER_BSUID, 'Ravi')]);
      expect(result.sender).toEqual({ kind: 'whatsapp-bsuid', id: WA_SENDER_BSUID });
      expect(result.senderAliases).toBeUndefined();
      expect(result.senderName).toBe('Ravi');
    });

    it('also reads the BSUID from user_id on the message', () => {
      const { from_user_id: bsuid, ...rest } = whatsAppBsuidTextMessage();
      expect(single({ ...rest, user_id: bsuid }, [whatsAppBsuidContact()]).sender).toEqual({ kind: 'whatsapp-bsuid', id: WA_SENDER_BSUID });
    });

    it('falls back to the only contact’s user_id when the message itself names nobody', () => {
      const { from_user_id: _bsuid, ...rest } = whatsAppBsuidTextMessage();
      expect(single(rest, [whatsAppBsuidContact()]).sender).toEqual({ kind: 'whatsapp-bsuid', id: WA_SENDER_BSUID });
    });

    it('prefers the phone number and keeps the BSUID as an alias when both are present', () => {
      const message = single(whatsAppMessages.text('x', { from_user_id: WA_SENDER_BSUID }));
      expect(message.sender).toEqual({ kind: 'phone', e164: WA_SENDER_E164 });
      expect(message.senderAliases).toEqual([{ kind: 'whatsapp-bsuid', id: WA_SENDER_BSUID }]);
    });

    it('uses the BSUID when the phone number is unreadable', () => {
      const message = single(whatsAppMessages.text('x', { from: 'not-a-number', from_user_id: WA_SENDER_BSUID }), []);
      expect(message.sender).toEqual({ kind: 'whatsapp-bsuid', id: WA_SENDER_BSUID });
    });

    it('ignores, with a reason, a message that identifies no sender', () => {
      const { from: _from, ...anonymous } = whatsAppMessages.text('x');
      const result = parsed(whatsAppWebhook({ messages: [anonymous], contacts: [] }));
      expect(result.messages).toEqual([]);
      expect(result.ignored).toEqual([
        { reason: 'message has neither a valid phone number nor a business-scoped user id', providerMessageId: anonymous.id },
      ]);
    });

    it('gives no name when the contacts do not mention the sender', () => {
      expect(single(whatsAppMessages.text('x'), [whatsAppContact(WA_SECOND_SENDER, 'Someone else', undefined)]).senderName).toBeUndefined();
    });
  });

  describe('batches', () => {
    it('reads every message of every change of every entry, in order, each with its own sender', () => {
      const first = whatsAppMessages.text('one');
      const second = whatsAppMessages.image({ from: WA_SECOND_SENDER });
      const third = whatsAppMessages.location();
      const fourth = whatsAppMessages.text('four', { from: WA_SECOND_SENDER });
      const otherNumber = { display_phone_number: '916587654321', phone_number_id: '209876543210987' };
      const body = whatsAppEnvelope([
        whatsAppEntry([
          whatsAppChange({ messages: [first, second], contacts: whatsAppContactsFor([first, second]) }),
          whatsAppChange({ messages: [third], contacts: whatsAppContactsFor([third]) }),
        ]),
        whatsAppEntry([whatsAppChange({ messages: [fourth], contacts: whatsAppContactsFor([fourth]), metadata: otherNumber })], '203040506070809'),
      ]);

      const result = parsed(body);

      expect(result.ignored).toEqual([]);
      expect(result.messages.map((m) => [m.providerMessageId, m.kind, m.sender, m.senderName, m.destination?.id])).toEqual([
        [first.id, 'text', { kind: 'phone', e164: WA_SENDER_E164 }, WA_SENDER_NAME, WA_PHONE_NUMBER_ID],
        [second.id, 'media', { kind: 'phone', e164: WA_SECOND_SENDER_E164 }, WA_SECOND_SENDER_NAME, WA_PHONE_NUMBER_ID],
        [third.id, 'location', { kind: 'phone', e164: WA_SENDER_E164 }, WA_SENDER_NAME, WA_PHONE_NUMBER_ID],
        [fourth.id, 'text', { kind: 'phone', e164: WA_SECOND_SENDER_E164 }, WA_SECOND_SENDER_NAME, '209876543210987'],
      ]);
      expect(result.messages[1].senderAliases).toEqual([{ kind: 'whatsapp-bsuid', id: WA_SECOND_SENDER_BSUID }]);
    });

    it('keeps the good messages of a batch when one is malformed, and never quotes its content', () => {
      const good = whatsAppMessages.text('good');
      const { id: _id, ...noId } = whatsAppMessages.text('secret complaint about the BDO');
      const result = parsed(whatsAppWebhook({ messages: [noId, good, 'not even an object' as unknown as Record<string, unknown>] }));
      expect(result.messages.map((m) => m.providerMessageId)).toEqual([good.id]);
      expect(result.ignored).toHaveLength(2);
      expect(result.ignored[0].reason).toMatch(/^malformed message: id: /);
      expect(JSON.stringify(result.ignored)).not.toContain('secret complaint');
      expect(JSON.stringify(result.ignored)).not.toContain(WA_SENDER);
    });

    it('ignores, with a reason, changes of other fields', () => {
      const body = whatsAppEnvelope([
        whatsAppEntry([
          { field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 1, message_template_name: 'ack' } },
          whatsAppChange({ messages: [whatsAppMessages.text('x')] }),
        ]),
      ]);
      const result = parsed(body);
      expect(result.messages).toHaveLength(1);
      expect(result.ignored).toEqual([{ reason: 'change field "message_template_status_update" is not handled' }]);
    });

    it('ignores a messages change whose value is not an object', () => {
      const result = parsed(whatsAppEnvelope([whatsAppEntry([{ field: 'messages', value: 'oops' }])]));
      expect(result.ignored).toEqual([{ reason: expect.stringMatching(/^malformed messages change: /) }]);
    });

    it('accepts a webhook with no entries, and a change with neither messages nor statuses', () => {
      expect(parsed(whatsAppEnvelope([]))).toEqual({ ok: true, messages: [], statuses: [], ignored: [] });
      expect(parsed(whatsAppWebhook({}))).toEqual({ ok: true, messages: [], statuses: [], ignored: [] });
    });

    it('leaves out the time when Meta sends none', () => {
      const { timestamp: _timestamp, ...untimed } = whatsAppMessages.text('x');
      expect(single(untimed).providerTimestamp).toBeUndefined();
    });

    it('accepts fields Meta adds later', () => {
      const message = whatsAppMessages.text('x', { referral: { source_type: 'ad' }, brand_new_field: { nested: true } });
      const body = whatsAppWebhook({ messages: [message] });
      (body.entry as Array<Record<string, unknown>>)[0].time = 1795665600;
      expect(parsed(body).messages).toHaveLength(1);
    });
  });

  describe('statuses', () => {
    it.each(['sent', 'delivered', 'read'] as const)('reads a %s status', (status) => {
      const raw = whatsAppStatus(status);
      expect(parsed(whatsAppWebhook({ statuses: [raw] })).statuses).toEqual([
        {
          channel: 'whatsapp',
          provider: 'meta-cloud-api',
          providerMessageId: raw.id,
          status,
          timestamp: WA_TIMESTAMP_ISO,
          recipient: { kind: 'phone', e164: WA_SENDER_E164 },
        },
      ]);
    });

    it('reads a failed status with its errors', () => {
      const raw = whatsAppFailedStatus();
      expect(parsed(whatsAppWebhook({ statuses: [raw] })).statuses).toEqual([
        expect.objectContaining({ providerMessageId: raw.id, status: 'failed', errors: [{ code: 131047, title: 'Re-engagement message' }] }),
      ]);
    });

    it('falls back to the error message when an error has no title', () => {
      const raw = { ...whatsAppFailedStatus(), errors: [{ code: 131026, message: 'Message undeliverable' }] };
      expect(parsed(whatsAppWebhook({ statuses: [raw] })).statuses[0].errors).toEqual([{ code: 131026, title: 'Message undeliverable' }]);
    });

    it('identifies the recipient by BSUID when the message went to one', () => {
      const { recipient_id: _phone, ...raw } = whatsAppStatus('delivered');
      expect(parsed(whatsAppWebhook({ statuses: [raw] })).statuses[0].recipient).toEqual({ kind: 'whatsapp-bsuid', id: WA_SENDER_BSUID });
    });

    it('reads several statuses in one POST, next to messages, in any order', () => {
      const id = wamid();
      const text = whatsAppMessages.text('x');
      const result = parsed(whatsAppWebhook({ messages: [text], statuses: [whatsAppStatus('read', id), whatsAppStatus('sent', id)] }));
      expect(result.messages).toHaveLength(1);
      expect(result.statuses.map((s) => [s.providerMessageId, s.status])).toEqual([
        [id, 'read'],
        [id, 'sent'],
      ]);
    });

    it.each([
      ['a status it does not track', Object.assign(whatsAppStatus('sent'), { status: 'deleted' }), 'status "deleted" is not tracked'],
      [
        'a status without any recipient',
        Object.assign(whatsAppStatus('sent'), { recipient_id: undefined, recipient_user_id: undefined }),
        'status has no recipient phone number or business-scoped user id',
      ],
    ])('ignores %s with a reason', (_, raw, reason) => {
      const result = parsed(whatsAppWebhook({ statuses: [raw] }));
      expect(result.statuses).toEqual([]);
      expect(result.ignored).toEqual([{ reason, providerMessageId: raw.id }]);
    });

    it('ignores a malformed status with a reason', () => {
      const raw = Object.assign(whatsAppStatus('sent'), { timestamp: 'yesterday' });
      expect(parsed(whatsAppWebhook({ statuses: [raw] })).ignored).toEqual([
        { reason: expect.stringMatching(/^malformed status: timestamp: /), providerMessageId: raw.id },
      ]);
    });
  });

  describe('rejections', () => {
    it('rejects another product’s webhook', () => {
      expect(sut({ object: 'page', entry: [] })).toEqual({
        ok: false,
        code: 'CHANNEL.UNEXPECTED_OBJECT',
        reason: 'object is not "whatsapp_business_account"',
      });
    });

    it.each([
      ['null', null],
      ['a string', 'whatsapp_business_account'],
      ['an array', [whatsAppWebhook()]],
      ['an envelope without object', { entry: [] }],
      ['an envelope without entries', { object: 'whatsapp_business_account' }],
      ['entries that are not a list', { object: 'whatsapp_business_account', entry: {} }],
      ['an entry without changes', { object: 'whatsapp_business_account', entry: [{ id: '1' }] }],
    ])('rejects %s as malformed', (_, body) => {
      expect(sut(body)).toMatchObject({ ok: false, code: 'CHANNEL.MALFORMED_PAYLOAD', reason: expect.stringMatching(/^not a WhatsApp webhook: /) });
    });
  });
});
