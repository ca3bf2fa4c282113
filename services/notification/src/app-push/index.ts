/** Push through the party app's backend: a signed JSON webhook with an idempotency key. */
export { AppPushClient, type AppPushClientOptions } from './app-push-client';
export { buildAppPushRequest, type AppPushConfig, type AppPushOutbound } from './app-push-request';
export { parseAppPushResponse } from './app-push-response';
export { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signPush, TIMESTAMP_HEADER, verifyPushSignature } from './app-push-signature';
