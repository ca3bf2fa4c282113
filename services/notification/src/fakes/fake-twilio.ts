import { randomBytes } from 'node:crypto';
import { countSmsSegments } from '../sms/encoding/segments';
import { FakeProviderServer, formOf, json, type FakeReply, type RecordedRequest } from './fake-provider-server';

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Sender ids and numbers the account may send from. */
  senders: string[];
  messagingServiceSids?: string[];
  /** Numbers that replied STOP: Twilio refuses them with 21610. */
  unsubscribed?: Set<string>;
}

export interface AcceptedTwilioMessage {
  sid: string;
  form: Record<string, string>;
}

const PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** Twilio's Messages API create endpoint, its Basic auth, validation and error bodies. */
export class FakeTwilio extends FakeProviderServer {
  readonly accepted: AcceptedTwilioMessage[] = [];

  constructor(private readonly options: FakeTwilioOptions) {
    super();
  }

  /** The next `count` requests fail with a Twilio error code and HTTP status. */
  failNextWith(count: number, code: number, status: number, message = 'Injected failure'): this {
    return this.failNext(count, twilioError(status, code, message));
  }

  protected override rateKey(request: RecordedRequest): string {
    return PATH.exec(request.path)?.[1] ?? 'unknown';
  }

  protected override rateLimited(): FakeReply {
    return twilioError(429, 20429, 'Too Many Requests');
  }

  protected override handle(request: RecordedRequest): FakeReply {
    const path = PATH.exec(request.path);
    if (request.method !== 'POST' || !path) return twilioError(404, 20404, `The requested resource ${request.path} was not found`);
    const expected = `Basic ${Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64')}`;
    if (path[1] !== this.options.accountSid || request.headers.authorization !== expected) return twilioError(401, 20003, 'Authenticate');
    // Twilio reads form parameters only: a JSON body reads as no parameters at all.
    const isForm = String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded');
    const form = isForm ? formOf(request) : new URLSearchParams();
    const to = form.get('To');
    const from = form.get('From');
    const service = form.get('MessagingServiceSid');
    const body = form.get('Body');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from && !service) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (service && !(this.options.messagingServiceSids ?? []).includes(service)) return twilioError(404, 20404, `The requested resource /Services/${service} was not found`);
    if (!service && from && !this.options.senders.includes(from)) {
      return twilioError(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    }
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (body.length > 1600) return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (this.options.unsubscribed?.has(to)) return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const fields = Object.fromEntries(form);
    this.accepted.push({ sid, form: fields });
    const created = new Date().toUTCString().replace('GMT', '+0000');
    return json(201, {
      sid,
      account_sid: this.options.accountSid,
      messaging_service_sid: service ?? null,
      to,
      from: service ? null : from,
      body,
      status: service ? 'accepted' : 'queued',
      num_segments: String(countSmsSegments(body).segments),
      num_media: '0',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: created,
      date_updated: created,
      date_sent: null,
      price: null,
      price_unit: 'USD',
      error_code: null,
      error_message: null,
      uri: `/2010-04-01/Accounts/${this.options.accountSid}/Messages/${sid}.json`,
    });
  }
}

function twilioError(status: number, code: number, message: string): FakeReply {
  return json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}
