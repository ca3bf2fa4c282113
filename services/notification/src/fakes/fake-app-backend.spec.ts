import { AppPushClient } from '../app-push/app-push-client';
import type { AppPushOutbound } from '../app-push/app-push-request';
import { FakeAppBackend } from './fake-app-backend';

const SECRET = 'k'.repeat(40);
const push = (overrides: Partial<AppPushOutbound> = {}): AppPushOutbound => ({
  notificationId: 'ntf_1',
  appUserId: 'app-user-20931',
  kind: 'report-acknowledged',
  language: 'hi',
  title: 'रिपोर्ट मिल गई',
  body: 'संदर्भ संख्या CC-1',
  data: { reference: 'CC-1' },
  ...overrides,
});

describe(FakeAppBackend.name, () => {
  let fake: FakeAppBackend;
  let sut: AppPushClient;

  beforeAll(async () => {
    fake = await new FakeAppBackend({ secret: SECRET, usersWithDevices: new Set(['app-user-20931']) }).start();
  });
  beforeEach(() => {
    fake.reset();
    fake.pushes.length = 0;
    sut = new AppPushClient({ url: fake.pushUrl, secret: SECRET, timeoutMs: 2000 });
  });
  afterAll(() => fake.close());

  it('accepts a signed push and answers a retry with the same push', async () => {
    const first = await sut.send(push());
    const again = await sut.send(push());

    expect(first).toMatchObject({ ok: true, provider: 'app-backend' });
    expect(again).toEqual(first);
    expect(fake.pushes).toHaveLength(1);
    expect(fake.pushes[0]?.payload).toMatchObject({ appUserId: 'app-user-20931', title: 'रिपोर्ट मिल गई' });
  });

  it('refuses a push signed with another secret', async () => {
    const forger = new AppPushClient({ url: fake.pushUrl, secret: 'x'.repeat(40) });
    expect(await forger.send(push())).toMatchObject({ ok: false, code: 'PROVIDER.AUTH', httpStatus: 401 });
  });

  it('answers 410 for a user without a device', async () => {
    expect(await sut.send(push({ notificationId: 'ntf_2', appUserId: 'app-user-0' }))).toMatchObject({ kind: 'permanent', code: 'PROVIDER.RECIPIENT_UNREACHABLE' });
  });

  it('a timed-out push is safe to retry: the idempotency key makes it one push', async () => {
    fake.delay(150);
    const impatient = new AppPushClient({ url: fake.pushUrl, secret: SECRET, timeoutMs: 30 });
    expect(await impatient.send(push({ notificationId: 'ntf_3' }))).toMatchObject({ kind: 'ambiguous' });
    fake.delay(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sut.send(push({ notificationId: 'ntf_3' }))).toMatchObject({ ok: true });
    expect(fake.pushes.filter((received) => received.idempotencyKey === 'ntf_3')).toHaveLength(1);
  });

  it('rate-limits with 429 and Retry-After', async () => {
    fake.limitRate(1, 1);
    await sut.send(push({ notificationId: 'ntf_4' }));
    expect(await sut.send(push({ notificationId: 'ntf_5' }))).toMatchObject({ kind: 'retryable', code: 'PROVIDER.RATE_LIMITED', retryAfterMs: 1000 });
  });
});
