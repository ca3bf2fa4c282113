import type { HttpRequest } from '../../providers/http-transport';
import { reject, type Rejection } from '../../shared/rejection';

export interface TwilioConfig {
  /** `https://api.twilio.com`; a fake's address in tests. */
  baseUrl: string;
  accountSid: string;
  /** Secret. */
  authToken: string;
  /** Sends through a Messaging Service (sender pool, India sender-id mapping) instead of `From`. */
  messagingServiceSid?: string;
  /** Where Twilio posts status changes; the notification id is added as a query parameter. */
  statusCallbackUrl?: string;
}

export interface TwilioOutbound {
  /** E.164. */
  to: string;
  /** The DLT header (alphanumeric sender id) or a Twilio number; unused with a Messaging Service. */
  from?: string;
  body: string;
  notificationId?: string;
}

export type TwilioRequestCode = 'TWILIO.INVALID_REQUEST';

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{7,14}$/;
// Twilio refuses a body over 1600 characters (error 21617).
const BODY_MAX = 1600;

/**
 * Twilio's Messages API: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From` or `MessagingServiceSid`, `Body`, `StatusCallback`, HTTP Basic auth
 * with the Account SID and auth token (twilio.com/docs/messaging/api/message-resource). Twilio
 * takes no DLT ids in the request: for India the sender id and templates are registered with
 * Twilio, and the text must still match its template, which the caller checked.
 */
export function buildTwilioRequest(config: TwilioConfig, outbound: TwilioOutbound): HttpRequest | Rejection<TwilioRequestCode> {
  const invalid = (why: string) => reject('TWILIO.INVALID_REQUEST', why);
  if (!ACCOUNT_SID.test(config.accountSid)) return invalid('the Account SID is not AC followed by 32 hex digits');
  if (config.messagingServiceSid !== undefined && !MESSAGING_SERVICE_SID.test(config.messagingServiceSid)) {
    return invalid('the Messaging Service SID is not MG followed by 32 hex digits');
  }
  if (!E164.test(outbound.to)) return invalid('the recipient number is not E.164');
  if (!config.messagingServiceSid && !outbound.from) return invalid('a sender (From) or a Messaging Service is needed');
  if (outbound.body.length === 0 || outbound.body.length > BODY_MAX) return invalid(`the body must be 1 to ${BODY_MAX} characters`);

  const form = new URLSearchParams({ To: outbound.to, Body: outbound.body });
  if (config.messagingServiceSid) form.set('MessagingServiceSid', config.messagingServiceSid);
  else if (outbound.from) form.set('From', outbound.from);
  if (config.statusCallbackUrl) form.set('StatusCallback', withNotificationId(config.statusCallbackUrl, outbound.notificationId));

  const credentials = Buffer.from(`${config.accountSid}:${config.authToken}`, 'utf8').toString('base64');
  return {
    method: 'POST',
    url: `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${config.accountSid}/Messages.json`,
    headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  };
}

function withNotificationId(url: string, notificationId: string | undefined): string {
  if (!notificationId) return url;
  const callback = new URL(url);
  callback.searchParams.set('notificationId', notificationId);
  return callback.toString();
}
