import { exchange } from '../providers/http-transport';
import { failed, type SendOutcome } from '../providers/send-outcome';
import { buildCloudApiRequest, type CloudApiConfig } from './cloud-api-request';
import { parseCloudApiResponse } from './cloud-api-response';
import type { WhatsAppOutbound } from './whatsapp-message';

export interface WhatsAppCloudClientOptions extends CloudApiConfig {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Sends one message through the WhatsApp Cloud API. The Cloud API takes no idempotency key: the
 * notification id goes out as `biz_opaque_callback_data`, which status webhooks carry back.
 */
export class WhatsAppCloudClient {
  constructor(private readonly options: WhatsAppCloudClientOptions) {}

  async send(outbound: WhatsAppOutbound): Promise<SendOutcome> {
    const request = buildCloudApiRequest(this.options, outbound);
    if ('ok' in request) return failed('meta-cloud-api', 'permanent', 'PROVIDER.INVALID_REQUEST', request.reason);
    const response = await exchange('meta-cloud-api', request, { timeoutMs: this.options.timeoutMs ?? 10_000, fetch: this.options.fetch });
    return 'ok' in response ? response : parseCloudApiResponse(response);
  }
}
