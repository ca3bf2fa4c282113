import { exchange } from '../providers/http-transport';
import { failed, type SendOutcome } from '../providers/send-outcome';
import { buildAppPushRequest, type AppPushConfig, type AppPushOutbound } from './app-push-request';
import { parseAppPushResponse } from './app-push-response';

export interface AppPushClientOptions extends AppPushConfig {
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export class AppPushClient {
  constructor(private readonly options: AppPushClientOptions) {}

  async send(outbound: AppPushOutbound): Promise<SendOutcome> {
    const now = this.options.now?.() ?? new Date();
    const request = buildAppPushRequest(this.options, outbound, now);
    if ('ok' in request) return failed('app-backend', 'permanent', 'PROVIDER.INVALID_REQUEST', request.reason);
    const response = await exchange('app-backend', request, { timeoutMs: this.options.timeoutMs ?? 5_000, fetch: this.options.fetch });
    return 'ok' in response ? response : parseAppPushResponse(response, outbound.notificationId, now);
  }
}
