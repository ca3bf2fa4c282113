import { parseAppReport } from './app-report';

const key = 'report-2026-11-26-0001';
const body = {
  reporter: { appUserId: 'app-user-20931', name: 'Sunita Devi' },
  text: 'पंचायत भवन में ताला लगा है',
  sentAt: '2026-11-26T09:30:00+05:30',
  attachments: [{ type: 'image', url: 'https://app.example.org/a/5f2b9c', mimeType: 'image/jpeg' }],
  location: { latitude: 23.3441, longitude: 85.3096 },
  declaredUnitCode: 'JH-RAN-KANKE',
  complaint: { category: 'government-service', subject: 'पंचायत सचिव' },
};

function accepted(input: unknown = body, idempotencyKey: string | undefined = key) {
  const parsed = parseAppReport('party-app', idempotencyKey, input);
  if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.reason}`);
  return parsed;
}

function refused(input: unknown, idempotencyKey: string | undefined) {
  const parsed = parseAppReport('party-app', idempotencyKey, input);
  if (parsed.ok) throw new Error('accepted');
  return parsed;
}

describe('parseAppReport', () => {
  it('maps a full report: app-user sender, namespaced id, media, location, declared unit and complaint', () => {
    const { message } = accepted();
    expect(message).toEqual({
      channel: 'app',
      provider: 'app',
      providerMessageId: `party-app:${key}`,
      sender: { kind: 'app-user', id: 'app-user-20931' },
      senderName: 'Sunita Devi',
      providerTimestamp: '2026-11-26T04:00:00.000Z',
      kind: 'media',
      text: body.text,
      media: [{ type: 'image', url: 'https://app.example.org/a/5f2b9c', mimeType: 'image/jpeg' }],
      location: body.location,
      declaredUnitCode: 'JH-RAN-KANKE',
      declaredComplaint: { category: 'government-service', subject: 'पंचायत सचिव' },
    });
  });

  it('takes a location-only report as a location and text-only as text', () => {
    expect(accepted({ reporter: { appUserId: 'u1' }, location: { latitude: 23.3, longitude: 85.3 } }).message.kind).toBe('location');
    expect(accepted({ reporter: { appUserId: 'u1' }, text: 'BDO नहीं मिले' }).message.kind).toBe('text');
  });

  it('gives the same fingerprint to a retry whatever its key order, and another to a different report', () => {
    const reordered = { complaint: body.complaint, declaredUnitCode: body.declaredUnitCode, location: body.location, attachments: body.attachments, sentAt: body.sentAt, text: body.text, reporter: body.reporter };
    expect(accepted(reordered).fingerprint).toBe(accepted().fingerprint);
    expect(accepted({ ...body, text: 'कुछ और' }).fingerprint).not.toBe(accepted().fingerprint);
  });

  it('keeps markup, $-operators and control characters as data', () => {
    const text = '<script>alert(1)</script> {"$where": "1"} \u0007';
    expect(refused({ reporter: { $ne: null, appUserId: 'u1' } }, key).reason).toMatch(/reporter: Unrecognized key: "\$ne"/);
    expect(accepted({ reporter: { appUserId: '{"$gt":""}' }, text }).message).toMatchObject({ text, sender: { id: '{"$gt":""}' } });
  });

  it.each([
    ['no Idempotency-Key', body, undefined, /Idempotency-Key/],
    ['a short Idempotency-Key', body, 'abc', /Idempotency-Key/],
    ['an Idempotency-Key with spaces', body, 'has spaces in it', /Idempotency-Key/],
    ['no reporter', { text: 'x' }, key, /^reporter: /],
    ['nothing to report', { reporter: { appUserId: 'u1' } }, key, /text: a report needs text, an attachment or a location/],
    ['an unknown field', { ...body, priority: 'high' }, key, /Unrecognized key: "priority"/],
    ['an http attachment', { ...body, attachments: [{ type: 'image', url: 'http://app.example.org/a' }] }, key, /attachments\.0\.url: an https URL/],
    ['a bad unit code', { ...body, declaredUnitCode: 'jh ran' }, key, /declaredUnitCode: an org unit code/],
    ['an unknown complaint category', { ...body, complaint: { category: 'weather' } }, key, /complaint\.category/],
    ['a latitude off the globe', { ...body, location: { latitude: 123, longitude: 85 } }, key, /location\.latitude/],
    ['a sent time without offset', { ...body, sentAt: '2026-11-26 09:30' }, key, /sentAt/],
    ['a JSON array', [body], key, /\(body\)/],
  ])('refuses %s with the reason', (_case, input, idempotencyKey, reason) => {
    expect(refused(input, idempotencyKey).reason).toMatch(reason);
  });
});
