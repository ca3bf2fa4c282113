import { exchange } from '../../providers/http-transport';
import { failed, type SendOutcome } from '../../providers/send-outcome';
import { buildGupshupRequest, type GupshupConfig, type GupshupOutbound } from './gupshup-request';
import { parseGupshupResponse } from './gupshup-response';

export interface GupshupClientOptions extends GupshupConfig {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Sends one DLT-registered SMS through Gupshup's enterprise API, which takes no idempotency key. */
export class GupshupClient {
  constructor(private readonly options: GupshupClientOptions) {}

  async send(outbound: GupshupOutbound): Promise<SendOutcome> {
    const request = buildGupshupRequest(this.options, outbound);
    if ('ok' in request) return failed('gupshup', 'permanent', 'PROVIDER.INVALID_REQUEST', request.reason);
    const response = await exchange('gupshup', request, { timeoutMs: this.options.timeoutMs ?? 10_000, fetch: this.options.fetch });
    return 'ok' in response ? response : parseGupshupResponse(response);
  }
}
