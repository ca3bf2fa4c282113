/** What every provider client returns, and the one HTTP exchange they share. */
export { exchange, parseJson, retryAfterMs, type HttpOptions, type HttpRequest, type HttpResponse } from './http-transport';
export {
  failed,
  failureFromStatus,
  PROVIDERS,
  type FailureKind,
  type Provider,
  type SendAccepted,
  type SendFailed,
  type SendFailureCode,
  type SendOutcome,
} from './send-outcome';
