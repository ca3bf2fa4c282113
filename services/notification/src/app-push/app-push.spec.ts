import { buildAppPushRequest, type AppPushOutbound } from './app-push-request';
import { parseAppPushResponse } from './app-push-response';
import { signPush, verifyPushSignature } from './app-push-signature';

const SECRET = 's'.repeat(32);
const now = new Date('2026-11-26T04:00:00Z');
const outbound: AppPushOutbound = {
  notificationId: 'ntf_1',
  appUserId: 'app-user-20931',
  kind: 'report-acknowledged',
  language: 'hi',
  title: 'रिपोर्ट मिल गई',
  body: 'संदर्भ संख्या CC-1',
  data: { reference: 'CC-1' },
};

describe(buildAppPushRequest.name, () => {
  it('signs the raw body with the timestamp and sends the notification id as idempotency key', () => {
    const request = buildAppPushRequest({ url: 'https://app.example/v1/push', secret: SECRET }, outbound, now);
    if ('ok' in request) throw new Error(request.reason);

    expect(request.headers).toMatchObject({ 'idempotency-key': 'ntf_1', 'x-cc-timestamp': '1795665600', 'content-type': 'application/json' });
    expect(request.headers['x-cc-signature-256']).toBe(signPush(SECRET, 1795665600, request.body ?? ''));
    expect(JSON.parse(request.body ?? '')).toEqual({ ...outbound, sentAt: '2026-11-26T04:00:00.000Z' });
  });

  it('refuses a recipient without an app user id and a short secret', () => {
    expect(buildAppPushRequest({ url: 'u', secret: SECRET }, { ...outbound, appUserId: '' }, now)).toMatchObject({ ok: false });
    expect(buildAppPushRequest({ url: 'u', secret: 'short' }, outbound, now)).toMatchObject({ ok: false, code: 'APP_PUSH.INVALID_REQUEST' });
  });
});

describe(verifyPushSignature.name, () => {
  const body = '{"a":1}';
  const timestamp = String(now.getTime() / 1000);
  const signature = signPush(SECRET, Number(timestamp), body);

  it.each([
    ['valid', { signature, timestamp }, body, now],
    ['mismatch', { signature, timestamp }, '{"a":2}', now],
    ['mismatch', { signature: signature.slice(0, -1), timestamp }, body, now],
    ['missing', { timestamp }, body, now],
    ['stale', { signature, timestamp }, body, new Date(now.getTime() + 301_000)],
  ] as const)('%s', (expected, headers, raw, at) => {
    expect(verifyPushSignature(SECRET, headers, raw, at)).toBe(expected);
  });
});

describe(parseAppPushResponse.name, () => {
  const response = (status: number, body = '', headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), text: body });

  it.each([
    [response(202, '{"pushId":"push-1"}'), { ok: true, providerMessageId: 'push-1' }],
    [response(200, ''), { ok: true, providerMessageId: 'ntf_1' }],
    [response(410), { kind: 'permanent', code: 'PROVIDER.RECIPIENT_UNREACHABLE' }],
    [response(409, '', { 'retry-after': '1' }), { kind: 'retryable', retryAfterMs: 1000 }],
    [response(422), { kind: 'permanent', code: 'PROVIDER.INVALID_REQUEST' }],
    [response(401), { kind: 'permanent', code: 'PROVIDER.AUTH' }],
    [response(503), { kind: 'retryable', code: 'PROVIDER.UNAVAILABLE' }],
  ])('reads %j', (value, expected) => {
    expect(parseAppPushResponse(value, 'ntf_1', now)).toMatchObject(expected);
  });
});
