/** WhatsApp Cloud API: the 24-hour window, free text or template, the request, its errors, the client. */
export { WhatsAppCloudClient, type WhatsAppCloudClientOptions } from './cloud-api-client';
export { whatsAppErrorRule, whatsAppFailureFallsBack, type WhatsAppErrorRule } from './cloud-api-errors';
export { buildCloudApiRequest, type CloudApiConfig, type CloudApiRequestCode } from './cloud-api-request';
export { parseCloudApiResponse } from './cloud-api-response';
export { CUSTOMER_SERVICE_WINDOW_MS, customerServiceWindow, DEFAULT_WINDOW_MARGIN_MS, type CustomerServiceWindow } from './customer-service-window';
export {
  chooseWhatsAppMode,
  whatsAppMessageOf,
  type WhatsAppMessage,
  type WhatsAppMode,
  type WhatsAppOutbound,
  type WhatsAppRecipient,
} from './whatsapp-message';
