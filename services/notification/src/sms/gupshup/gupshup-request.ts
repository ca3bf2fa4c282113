import type { HttpRequest } from '../../providers/http-transport';
import { reject, type Rejection } from '../../shared/rejection';
import type { SmsEncoding } from '../encoding/gsm7';

export interface GupshupConfig {
  /** `https://enterprise.smsgupshup.com`; a fake's address in tests. */
  baseUrl: string;
  /** The numeric account id. */
  userId: string;
  /** Secret. */
  password: string;
}

export interface GupshupOutbound {
  /** E.164, an Indian number. */
  to: string;
  text: string;
  encoding: SmsEncoding;
  dlt: { entityId: string; templateId: string; header: string };
}

export type GupshupRequestCode = 'GUPSHUP.INVALID_REQUEST';

const INDIAN_MOBILE = /^\+91([6-9]\d{9})$/;

/**
 * Gupshup's enterprise SMS API (docs.gupshup.io, "Send Messages to Single Number" and "Getting
 * Started"): `{base}/GatewayAPI/rest` with `method=SendMessage`, `send_to` (digits, country code,
 * no +), `msg`, `msg_type` (TEXT, or UNICODE_TEXT for Hindi), `userid`, `password`,
 * `auth_scheme=plain`, `v=1.1`, `format=json`, the sender id as `mask`, and the DLT ids as
 * `principalEntityId` and `dltTemplateId`. GET and POST are both accepted; POST keeps the password
 * out of URLs and the access logs on the way.
 */
export function buildGupshupRequest(config: GupshupConfig, outbound: GupshupOutbound): HttpRequest | Rejection<GupshupRequestCode> {
  const invalid = (why: string) => reject('GUPSHUP.INVALID_REQUEST', why);
  if (!/^\d{1,20}$/.test(config.userId)) return invalid('the Gupshup user id is not numeric');
  const mobile = INDIAN_MOBILE.exec(outbound.to);
  if (!mobile) return invalid('the recipient is not an Indian mobile number in E.164');
  if (outbound.text.length === 0) return invalid('the message is empty');

  const form = new URLSearchParams({
    method: 'SendMessage',
    send_to: `91${mobile[1]}`,
    msg: outbound.text,
    msg_type: outbound.encoding === 'UCS-2' ? 'UNICODE_TEXT' : 'TEXT',
    userid: config.userId,
    password: config.password,
    auth_scheme: 'plain',
    v: '1.1',
    format: 'json',
    mask: outbound.dlt.header,
    principalEntityId: outbound.dlt.entityId,
    dltTemplateId: outbound.dlt.templateId,
  });
  return {
    method: 'POST',
    url: `${config.baseUrl.replace(/\/+$/, '')}/GatewayAPI/rest`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  };
}
