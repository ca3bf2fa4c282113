import { createHash, createHmac } from 'node:crypto';

/**
 * What the providers compute, written from their documentation (docs/channels.md) rather than
 * imported from intake: the simulator is a provider talking to intake from outside. The unit tests
 * check that intake's verifiers accept what these produce.
 */

/** Meta: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`. */
export function whatsAppSignature(rawBody: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Twilio: base64(HMAC-SHA1(auth token, the configured URL + every POST parameter sorted by name, name then value)). */
export function twilioSignature(url: string, params: Readonly<Record<string, string>>, authToken: string): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((signed, name) => signed + name + params[name], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/**
 * Gupshup sends no message id; intake derives one from msisdn, timestamp and content (see its
 * Gupshup parser). The simulator derives the same to find the report on the topic.
 */
export function gupshupMessageId(msisdnE164: string, timestamp: string, content: string): string {
  return `gs_${createHash('sha256').update(`${msisdnE164}|${timestamp}|${content}`, 'utf8').digest('hex').slice(0, 32)}`;
}
