import { randomInt } from 'node:crypto';
import type { DltRegistry } from '../sms/dlt/dlt-registry';
import { smsEncodingOf } from '../sms/encoding/gsm7';
import { FakeProviderServer, formOf, json, type FakeReply, type RecordedRequest } from './fake-provider-server';

export interface FakeGupshupOptions {
  userId: string;
  password: string;
  /** The DLT registrations operators scrub against; without it any DLT ids pass. */
  dlt?: DltRegistry;
}

export interface AcceptedGupshupMessage {
  id: string;
  params: Record<string, string>;
  /** When it was taken (epoch ms). */
  at: number;
}

/**
 * Gupshup's enterprise `GatewayAPI/rest` SendMessage, GET or POST, answering 200 with
 * `{"response":{...,"status":"success"|"error"}}` (or `success | phone | id` for format=text).
 * Gupshup publishes no error-id table: 102 (credentials) and 105 (number) follow what
 * integrations report, the ids for DLT and parameter refusals are this fake's own.
 */
export class FakeGupshup extends FakeProviderServer {
  readonly accepted: AcceptedGupshupMessage[] = [];

  constructor(private readonly options: FakeGupshupOptions) {
    super();
  }

  failNextWith(count: number, id: string, details: string): this {
    return this.failNext(count, gupshupError(id, details));
  }

  protected override rateKey(request: RecordedRequest): string {
    return formOf(request).get('userid') ?? 'unknown';
  }

  protected override rateLimited(): FakeReply {
    return { status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain', 'retry-after': '1' } };
  }

  protected override handle(request: RecordedRequest): FakeReply {
    if (request.path !== '/GatewayAPI/rest' || (request.method !== 'GET' && request.method !== 'POST')) {
      return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
    }
    const params = formOf(request);
    const format = (params.get('format') ?? 'text').toLowerCase();
    const reply = this.send(params);
    if (format === 'json') return json(200, { response: reply });
    const text = reply.status === 'success' ? `success | ${reply.phone} | ${reply.id}` : `error | ${reply.id} | ${reply.details}`;
    return { status: 200, body: text, headers: { 'content-type': 'text/plain' } };
  }

  private send(params: URLSearchParams): GupshupResponse {
    const get = (name: string) => params.get(name) ?? '';
    if (get('method').toLowerCase() !== 'sendmessage') return refusal('101', `The method "${get('method')}" is not supported.`);
    if (get('userid') !== this.options.userId || get('password') !== this.options.password) {
      return refusal('102', 'Authentication failed due to invalid userId or password.');
    }
    if (get('auth_scheme').toLowerCase() !== 'plain') return refusal('103', 'Only plain authentication scheme is supported.');
    if (get('v') !== '1.1') return refusal('104', 'Unsupported API version.');
    const sendTo = get('send_to');
    if (!/^(91)?[6-9]\d{9}$/.test(sendTo)) return refusal('105', `The phone number ${sendTo} is not a valid phone number.`);
    const msg = get('msg');
    if (msg === '') return refusal('106', 'The message text is empty.');
    const msgType = get('msg_type').toUpperCase();
    if (msgType !== 'TEXT' && msgType !== 'UNICODE_TEXT') return refusal('107', `The message type "${get('msg_type')}" is not supported.`);
    if (msgType === 'TEXT' && smsEncodingOf(msg) === 'UCS-2') return refusal('108', 'Unicode text must be sent with msg_type UNICODE_TEXT.');
    const dltProblem = this.checkDlt(params);
    if (dltProblem) return dltProblem;

    const id = `${Date.now()}${randomInt(1_000_000, 9_999_999)}`;
    this.accepted.push({ id, params: Object.fromEntries(params), at: Date.now() });
    const phone = sendTo.length === 10 ? `91${sendTo}` : sendTo;
    return { id, phone, details: '', status: 'success' };
  }

  private checkDlt(params: URLSearchParams): GupshupResponse | undefined {
    const entityId = params.get('principalEntityId');
    const templateId = params.get('dltTemplateId');
    if (!entityId || !templateId) return refusal('110', 'DLT principalEntityId and dltTemplateId are mandatory.');
    const registry = this.options.dlt;
    if (!registry) return undefined;
    const template = registry.get(templateId);
    if (!template) return refusal('111', 'DLT template not found.');
    if (template.entityId !== entityId) return refusal('112', 'DLT principal entity id does not match the template.');
    if (template.header !== params.get('mask')) return refusal('113', 'DLT header does not match the template.');
    const checked = registry.check(templateId, params.get('msg') ?? '');
    return checked.ok ? undefined : refusal('114', 'DLT template mismatch: the message does not match the registered template.');
  }
}

interface GupshupResponse {
  id: string;
  phone?: string;
  details: string;
  status: 'success' | 'error';
}

const refusal = (id: string, details: string): GupshupResponse => ({ id, details, status: 'error' });
const gupshupError = (id: string, details: string): FakeReply => json(200, { response: refusal(id, details) });
