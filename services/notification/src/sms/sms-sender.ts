import type { SendOutcome } from '../providers/send-outcome';
import type { RenderedSms } from '../templates/render';
import type { GupshupClient } from './gupshup/gupshup-client';
import type { TwilioClient } from './twilio/twilio-client';

/** One SMS gateway behind one interface, so the dispatcher does not care which the party contracted. */
export interface SmsSender {
  provider: 'twilio' | 'gupshup';
  /** The sender id, what the gateway meters throughput against. */
  senderKey: string;
  send(sms: RenderedSms, to: string, notificationId: string): Promise<SendOutcome>;
}

/** Twilio sends from the DLT header as alphanumeric sender id (or its Messaging Service). */
export function twilioSmsSender(client: Pick<TwilioClient, 'send'>, senderKey = 'account'): SmsSender {
  return {
    provider: 'twilio',
    senderKey,
    send: (sms, to, notificationId) => client.send({ to, from: sms.dlt.header, body: sms.text, notificationId }),
  };
}

export function gupshupSmsSender(client: Pick<GupshupClient, 'send'>, senderKey = 'account'): SmsSender {
  return {
    provider: 'gupshup',
    senderKey,
    send: (sms, to) => client.send({ to, text: sms.text, encoding: sms.segments.encoding, dlt: sms.dlt }),
  };
}
