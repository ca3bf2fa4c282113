import { createHash } from 'node:crypto';
import type { ChannelMessage, ChannelRejection, SmsGatewayDetails } from '../channel-message';
import { rejection } from '../channel-message';
import { normalizeIndianPhone } from '@cc/identity';

export type GupshupQuery = Record<string, string | string[] | undefined>;

export type GupshupInboundParseResult = { ok: true; message: ChannelMessage } | ChannelRejection;

/** IST, the zone Gupshup's servers report in when a date string carries no offset. */
const IST_OFFSET = '+05:30';
/** Digits, letters and date punctuation: never the `|` that separates the fields of the id. */
const TIMESTAMP_CHARS = /^[0-9A-Za-z :.+-]{1,64}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * One Gupshup keyword / long-code callback (`GET ?phonecode&keyword&location&carrier&content&
 * msisdn&timestamp`, token already checked) into a channel message.
 *
 * Gupshup gives no message id, so one is derived from what it says identifies a message:
 * `gs_` + sha256(msisdn as E.164 | timestamp as received | content), 32 hex characters. The raw
 * timestamp string is hashed, not its parsed value, so a retry maps to the same id however the
 * timestamp is written. Both are therefore required, and the timestamp may not contain `|`
 * (msisdn is `+digits` and content comes last, so the hashed string then splits one way only).
 *
 * Timestamp: Gupshup documents `%time` without a format; accounts send epoch milliseconds
 * (13 digits) or a date string. Read as: 13 digits → epoch ms; 10 digits → epoch seconds;
 * `YYYY-MM-DD HH:mm[:ss]` → that time, in IST unless it carries an offset. Anything else is
 * still accepted (it only feeds the id), without a providerTimestamp.
 */
export function parseGupshupInbound(query: GupshupQuery): GupshupInboundParseResult {
  const fields = readSingle(query, ['msisdn', 'timestamp', 'content', 'keyword', 'location', 'carrier', 'phonecode']);
  if (!fields.ok) return fields;
  const { msisdn, timestamp, content, keyword, location, carrier, phonecode } = fields.values;
  if (!msisdn) return rejection('CHANNEL.MISSING_FIELD', 'msisdn is missing');
  if (!timestamp) return rejection('CHANNEL.MISSING_FIELD', 'timestamp is missing');
  if (!TIMESTAMP_CHARS.test(timestamp)) {
    return rejection('CHANNEL.MALFORMED_PAYLOAD', 'timestamp has characters no timestamp has');
  }
  const phone = normalizeIndianPhone(msisdn);
  if (!phone.ok) return rejection('CHANNEL.INVALID_SENDER', `msisdn: ${phone.reason}`);

  const providerTimestamp = readTimestamp(timestamp);
  const gateway: SmsGatewayDetails = {
    ...(keyword ? { keyword } : {}),
    ...(location ? { circle: location } : {}),
    ...(carrier ? { carrier } : {}),
  };
  return {
    ok: true,
    message: {
      channel: 'sms',
      provider: 'gupshup',
      providerMessageId: gupshupMessageId(phone.e164, timestamp, content ?? ''),
      sender: { kind: 'phone', e164: phone.e164 },
      ...(providerTimestamp ? { providerTimestamp } : {}),
      kind: 'text',
      text: content ?? keyword ?? '',
      ...(phonecode ? { destination: { address: phonecode } } : {}),
      ...(Object.keys(gateway).length > 0 ? { smsGateway: gateway } : {}),
    },
  };
}

export function gupshupMessageId(msisdnE164: string, timestamp: string, content: string): string {
  return `gs_${createHash('sha256').update(`${msisdnE164}|${timestamp}|${content}`, 'utf8').digest('hex').slice(0, 32)}`;
}

/** ISO 8601, or undefined when the value is not one of the formats described above. */
export function readTimestamp(raw: string): string | undefined {
  const value = raw.trim();
  if (/^\d{13}$/.test(value)) return isoOf(new Date(Number(value)));
  if (/^\d{10}$/.test(value)) return isoOf(new Date(Number(value) * 1000));
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, date, time, zone] = match;
  const offset = zone === undefined ? IST_OFFSET : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return isoOf(new Date(`${date}T${time.length === 5 ? `${time}:00` : time}${offset}`));
}

function isoOf(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

type Fields<K extends string> = { ok: true; values: Record<K, string | undefined> } | ChannelRejection;

/** A repeated parameter is refused rather than guessed at: which copy is the message? */
function readSingle<K extends string>(query: GupshupQuery, names: readonly K[]): Fields<K> {
  const values = {} as Record<K, string | undefined>;
  for (const name of names) {
    const value = query[name];
    if (Array.isArray(value) && value.length > 1) return rejection('CHANNEL.AMBIGUOUS_FIELD', `${name} is repeated`);
    values[name] = Array.isArray(value) ? value[0] : value;
  }
  return { ok: true, values };
}
