import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyPushSignature } from '../app-push/app-push-signature';
import { FakeProviderServer, json, type FakeReply, type RecordedRequest } from './fake-provider-server';

export interface FakeAppBackendOptions {
  secret: string;
  path?: string;
  /** App users with a registered device; anyone else answers 410. */
  usersWithDevices: Set<string>;
}

export interface ReceivedPush {
  pushId: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

/** The party app backend's push webhook: signature, idempotency key, replays answered with the first push. */
export class FakeAppBackend extends FakeProviderServer {
  readonly pushes: ReceivedPush[] = [];

  constructor(private readonly options: FakeAppBackendOptions) {
    super();
  }

  get pushUrl(): string {
    return `${this.url}${this.options.path ?? '/v1/push'}`;
  }

  protected override rateLimited(): FakeReply {
    return json(429, { error: 'too many requests' }, { 'retry-after': '1' });
  }

  protected override handle(request: RecordedRequest): FakeReply {
    if (request.method !== 'POST' || request.path !== (this.options.path ?? '/v1/push')) return json(404, { error: 'not found' });
    const verdict = verifyPushSignature(
      this.options.secret,
      { signature: header(request, SIGNATURE_HEADER), timestamp: header(request, TIMESTAMP_HEADER) },
      request.body,
      new Date(),
    );
    if (verdict !== 'valid') return json(401, { error: `signature ${verdict}` });
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return json(400, { error: 'body is not JSON' });
    }
    const key = header(request, IDEMPOTENCY_HEADER);
    if (!key || key !== payload.notificationId) return json(422, { error: 'Idempotency-Key must equal notificationId' });
    const earlier = this.pushes.find((push) => push.idempotencyKey === key);
    if (earlier) return json(200, { pushId: earlier.pushId }, { 'idempotent-replayed': 'true' });
    if (typeof payload.appUserId !== 'string' || !this.options.usersWithDevices.has(payload.appUserId)) {
      return json(410, { error: 'no device registered for this user' });
    }
    const pushId = randomUUID();
    this.pushes.push({ pushId, idempotencyKey: key, payload });
    return json(202, { pushId });
  }
}

function header(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
