import { exchange } from '../../providers/http-transport';
import { failed, type SendOutcome } from '../../providers/send-outcome';
import { buildTwilioRequest, type TwilioConfig, type TwilioOutbound } from './twilio-request';
import { parseTwilioResponse } from './twilio-response';

export interface TwilioClientOptions extends TwilioConfig {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Sends one SMS through Twilio's Messages API. Twilio's create call takes no idempotency key. */
export class TwilioClient {
  constructor(private readonly options: TwilioClientOptions) {}

  async send(outbound: TwilioOutbound): Promise<SendOutcome> {
    const request = buildTwilioRequest(this.options, outbound);
    if ('ok' in request) return failed('twilio', 'permanent', 'PROVIDER.INVALID_REQUEST', request.reason);
    const response = await exchange('twilio', request, { timeoutMs: this.options.timeoutMs ?? 10_000, fetch: this.options.fetch });
    return 'ok' in response ? response : parseTwilioResponse(response);
  }
}
