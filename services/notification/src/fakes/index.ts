/** Loopback stand-ins for the providers, for tests: real request and response formats, injectable faults. */
export { FakeAppBackend, type FakeAppBackendOptions, type ReceivedPush } from './fake-app-backend';
export { FakeGupshup, type AcceptedGupshupMessage, type FakeGupshupOptions } from './fake-gupshup';
export { FakeProviderServer, type FakeReply, type RecordedRequest } from './fake-provider-server';
export { FakeTwilio, type AcceptedTwilioMessage, type FakeTwilioOptions } from './fake-twilio';
export { FakeWhatsAppCloudApi, type AcceptedWhatsAppMessage, type FakeWhatsAppOptions, type FakeWhatsAppTemplate } from './fake-whatsapp-cloud-api';
