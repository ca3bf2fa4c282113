import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../constant-time';

/**
 * base64(HMAC-SHA1(auth token, url + each POST parameter sorted by name, name then value)).
 * `url` must be the full URL exactly as configured in Twilio, query string included: behind a
 * proxy the controller rebuilds it from the configured public URL, not from the Host header.
 */
export function twilioSignature(url: string, params: Record<string, string>, authToken: string): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((signed, name) => signed + name + params[name], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

export function verifyTwilioSignature(
  url: string,
  params: Record<string, string>,
  header: string | undefined,
  authToken: string,
): boolean {
  if (typeof header !== 'string' || header.length === 0 || authToken.length === 0) return false;
  return constantTimeEqual(header, twilioSignature(url, params, authToken));
}
