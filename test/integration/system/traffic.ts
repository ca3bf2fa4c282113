import { randomBytes, randomUUID } from 'node:crypto';
import { whatsAppSignatureHeader, twilioSignatureHeader } from '../../../services/intake/src/channels/fixtures';
import { gupshupMessageId } from '../../../services/intake/src/channels/sms/gupshup-inbound.parser';
import { CHANNEL, SECRETS } from './env';
import type { Population, Sender } from './population';

export type EntryPoint = 'whatsapp' | 'twilio' | 'gupshup' | 'app';

/** What a message is, as the generator meant it: what the system must do with it follows from this. */
export interface Content {
  text: string;
  /** Grievance must open a case for it. */
  complaint: boolean;
  /** It names a party office-bearer: its reporter must not show on any feed. */
  aboutOfficeBearer: boolean;
  /** STOP / बंद: recorded, never acknowledged. */
  optOut: boolean;
}

/** One message sent through a real entry point, and what became of it. */
export interface SentMessage extends Content {
  entryPoint: EntryPoint;
  /** The id the provider gave it (wamid, Twilio SID, Gupshup's derived id, `<integrator>:<Idempotency-Key>`). */
  providerMessageId: string;
  sender: Sender;
  kind: 'text' | 'location' | 'image';
  accepted: boolean;
  /** From intake's answer, where it gives one. */
  answeredReportId?: string;
  /** HTTP statuses of every attempt (0: no answer). */
  statuses: number[];
  /** Set for hostile input accepted as data: text must be published exactly so. */
  verbatim?: boolean;
}

const PLAIN = [
  'आज प्रखंड कार्यालय के पास बूथ समिति की बैठक हुई, 40 कार्यकर्ता आए',
  'सदस्यता अभियान में आज 25 नए सदस्य बने',
  'Booth level meeting held today, 30 workers came',
  'Rally ki taiyari poori ho gayi hai, kal subah 10 baje',
  'गाँव में नुक्कड़ सभा हुई, लोगों ने मनरेगा के बारे में पूछा',
];
const COMPLAINTS: Array<{ text: string; aboutOfficeBearer: boolean }> = [
  { text: 'प्रखंड कार्यालय में BDO नहीं मिलते, मनरेगा भुगतान रुका है, शिकायत दर्ज करें', aboutOfficeBearer: false },
  { text: 'Complaint: the BDO has not paid MGNREGA wages for two months', aboutOfficeBearer: false },
  { text: 'BDO sahab office me nahi milte, shikayat hai', aboutOfficeBearer: false },
  { text: 'CO ने दाखिल खारिज के लिए रिश्वत मांगी, शिकायत है', aboutOfficeBearer: false },
  { text: 'प्रखंड अध्यक्ष ने बैठक की सूचना किसी को नहीं दी, शिकायत दर्ज करें', aboutOfficeBearer: true },
];
const OPT_OUT = ['STOP', 'बंद', 'STOP'];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const national = (e164: string) => e164.slice(3);

/** About one message in three is a complaint, one in ten carries the sender's number in its text. */
export function someContent(sender: Sender): Content {
  const roll = Math.random();
  if (roll < 0.33) {
    const complaint = pick(COMPLAINTS);
    return { text: complaint.text, complaint: true, aboutOfficeBearer: complaint.aboutOfficeBearer, optOut: false };
  }
  if (roll < 0.43 && sender.phone) {
    return { text: `सड़क टूटी है, मेरा नंबर ${national(sender.phone)} है, कोई देखने नहीं आया`, complaint: false, aboutOfficeBearer: false, optOut: false };
  }
  return { text: pick(PLAIN), complaint: false, aboutOfficeBearer: false, optOut: false };
}

export interface Delivery {
  entryPoint: EntryPoint;
  messages: SentMessage[];
  /** The body as built and signed (WhatsApp, app): hostile variants start from it. */
  body?: string;
  request: () => Promise<Response>;
  /** Reads intake's answer into the messages (report ids). */
  answered?: (body: unknown) => void;
}

export interface TrafficStats {
  posts: number;
  attempts: number;
  retriedAfterRefusal: number;
  providerReplays: number;
  refusedForGood: Array<{ providerMessageId: string; status: number; body: string }>;
}

/**
 * A small traffic generator: messages of every entry point, in the providers' formats and signed
 * as they sign, at a modest rate. A 5xx, a 429 or no answer is retried with the same message id
 * (as WhatsApp, Twilio and Gupshup retry their webhooks, and the app its Idempotency-Key); a few
 * accepted WhatsApp POSTs are delivered again unchanged, as Meta does.
 */
export class TrafficGenerator {
  readonly ledger = new Map<string, SentMessage>();
  readonly stats: TrafficStats = { posts: 0, attempts: 0, retriedAfterRefusal: 0, providerReplays: 0, refusedForGood: [] };
  /** Signed raw bodies of accepted WhatsApp POSTs: the hostile phase replays one. */
  readonly acceptedWhatsAppPosts: Array<{ raw: string; signature: string; messages: SentMessage[] }> = [];
  private readonly inFlight = new Map<Promise<void>, SentMessage[]>();
  private stopped = false;
  private serial = 0;

  constructor(
    private readonly intakeUrl: string,
    private readonly people: Population,
    private readonly run: string,
  ) {}

  get messages(): SentMessage[] {
    return [...this.ledger.values()];
  }

  /** Sends at `perSecond` messages for `durationMs`, or until `until` resolves; retries go on in the background. */
  async sendFor(durationMs: number, perSecond: number, until?: Promise<unknown>): Promise<void> {
    const started = Date.now();
    let sent = 0;
    let done = false;
    void until?.finally(() => (done = true));
    while (!done && Date.now() - started < durationMs) {
      while (sent < ((Date.now() - started) / 1000) * perSecond) sent += this.dispatch(this.someDelivery());
      if (Math.random() < 0.05 && this.acceptedWhatsAppPosts.length > 0) this.replayAcceptedWhatsApp();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The opt-out senders' one message each: STOP on WhatsApp, बंद by Twilio, STOP by Gupshup. */
  sendOptOuts(): void {
    const [whatsapp, twilio, gupshup] = this.people.optOuts;
    const content = (text: string): Content => ({ text, complaint: false, aboutOfficeBearer: false, optOut: true });
    this.dispatch(this.whatsAppDelivery([{ sender: whatsapp!, content: content(OPT_OUT[0]!), kind: 'text' }]));
    this.dispatch(this.twilioDelivery(twilio!, content(OPT_OUT[1]!)));
    this.dispatch(this.gupshupDelivery(gupshup!, content(OPT_OUT[2]!)));
  }

  /** Ends every retry: a provider that gave up. */
  stop(): void {
    this.stopped = true;
  }

  /** Resolves once every message sent so far was accepted (or refused for good). */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      if (Date.now() > deadline) {
        const stuck = [...this.inFlight.values()].flat().slice(0, 5).map((message) => `${message.entryPoint} ${message.providerMessageId}: ${message.statuses.join(' ')}`);
        throw new Error(`${this.inFlight.size} deliveries still unanswered after ${timeoutMs} ms (statuses of each attempt; 0 = no answer):\n${stuck.join('\n')}`);
      }
      await Promise.race([Promise.all([...this.inFlight.keys()]), new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
  }

  // Builders, public for the hostile phase (injection accepted as data is also traffic).

  whatsAppDelivery(items: Array<{ sender: Sender; content: Content; kind?: SentMessage['kind'] }>): Delivery {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const messages = items.map(({ sender, content, kind = 'text' }) => this.record('whatsapp', `wamid.E2E${this.run}${String(++this.serial).padStart(6, '0')}${randomBytes(6).toString('hex')}`, sender, content, kind));
    const payload = messages.map((message) => {
      const base = { from: message.sender.phone!.slice(1), id: message.providerMessageId, timestamp };
      if (message.kind === 'location') return { ...base, type: 'location', location: { latitude: 23.3441, longitude: 85.3096, name: 'Block Office', address: 'Ranchi, Jharkhand' } };
      if (message.kind === 'image') return { ...base, type: 'image', image: { caption: message.text, mime_type: 'image/jpeg', sha256: randomBytes(32).toString('base64'), id: String(1_000_000_000 + this.serial) } };
      return { ...base, type: 'text', text: { body: message.text } };
    });
    const contacts = [...new Set(messages.map((message) => message.sender.phone!.slice(1)))].map((waId) => ({ profile: { name: 'Karyakarta' }, wa_id: waId }));
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: { messaging_product: 'whatsapp', metadata: { display_phone_number: CHANNEL.waDisplayNumber, phone_number_id: CHANNEL.waPhoneNumberId }, contacts, messages: payload },
            },
          ],
        },
      ],
    });
    const signature = whatsAppSignatureHeader(raw, SECRETS.whatsAppAppSecret);
    return {
      entryPoint: 'whatsapp',
      messages,
      body: raw,
      request: () => this.post('/webhooks/whatsapp', raw, { 'content-type': 'application/json', 'x-hub-signature-256': signature }),
      answered: (body) => {
        const reports = (body as { reports?: Array<{ reportId: string }> }).reports ?? [];
        reports.forEach((report, index) => messages[index] && (messages[index].answeredReportId = report.reportId));
        this.acceptedWhatsAppPosts.push({ raw, signature, messages });
      },
    };
  }

  twilioDelivery(sender: Sender, content: Content): Delivery {
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    const [message] = [this.record('twilio', sid, sender, content, 'text')];
    const params = {
      ToCountry: 'US',
      SmsMessageSid: sid,
      NumMedia: '0',
      SmsSid: sid,
      SmsStatus: 'received',
      Body: content.text,
      FromCountry: 'IN',
      To: CHANNEL.twilioNumber,
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: `AC${'e2e0'.repeat(8)}`,
      From: sender.phone!,
      ApiVersion: '2010-04-01',
    };
    const signature = twilioSignatureHeader(params, SECRETS.twilioAuthToken, `${this.intakeUrl}/webhooks/sms/twilio`);
    return {
      entryPoint: 'twilio',
      messages: [message!],
      request: () => this.post('/webhooks/sms/twilio', new URLSearchParams(params).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }),
    };
  }

  gupshupDelivery(sender: Sender, content: Content): Delivery {
    const timestamp = String(Date.now() + this.serial++);
    const msisdn = national(sender.phone!);
    const message = this.record('gupshup', gupshupMessageId(sender.phone!, timestamp, content.text), sender, content, 'text');
    const query = new URLSearchParams({ phonecode: CHANNEL.gupshupLongCode, keyword: 'CONGRESS', location: 'Jharkhand', carrier: 'Airtel', content: content.text, msisdn, timestamp, token: SECRETS.gupshupToken });
    return {
      entryPoint: 'gupshup',
      messages: [message],
      request: () => fetch(`${this.intakeUrl}/webhooks/sms/gupshup?${query.toString()}`, { signal: AbortSignal.timeout(15000) }),
      answered: (body) => (message.answeredReportId = (body as { reportId?: string }).reportId),
    };
  }

  appDelivery(sender: Sender, content: Content, extra: Record<string, unknown> = {}): Delivery {
    const key = `e2e-${this.run}-${randomUUID()}`;
    const message = this.record('app', `${SECRETS.appIntegrator}:${key}`, sender, content, 'text');
    const body = JSON.stringify({
      reporter: { appUserId: sender.appUserId },
      text: content.text,
      ...(sender.declaredUnit ? { declaredUnitCode: sender.declaredUnit } : {}),
      ...(content.complaint && content.text.includes('BDO') && Math.random() < 0.5 ? { complaint: { category: 'bdo-conduct', subject: 'BDO' } } : {}),
      ...extra,
    });
    return {
      entryPoint: 'app',
      messages: [message],
      body,
      request: () => this.post('/v1/reports', body, { 'content-type': 'application/json', 'x-api-key': SECRETS.appApiKey, 'idempotency-key': key }),
      answered: (answer) => (message.answeredReportId = (answer as { reportId?: string }).reportId),
    };
  }

  /** Sends a delivery, retrying refusals a provider would retry; the number of messages it carries. */
  dispatch(delivery: Delivery): number {
    const pending = this.deliver(delivery).finally(() => this.inFlight.delete(pending));
    this.inFlight.set(pending, delivery.messages);
    return delivery.messages.length;
  }

  private someDelivery(): Delivery {
    const roll = Math.random();
    if (roll < 0.45) {
      const count = 1 + Math.floor(Math.random() * 3);
      const senders = [pick(this.people.phoneSenders), pick(this.people.phoneSenders)];
      return this.whatsAppDelivery(
        Array.from({ length: count }, (_, index) => {
          const sender = senders[index % 2]!;
          const kindRoll = Math.random();
          if (kindRoll < 0.1) return { sender, content: { text: '', complaint: false, aboutOfficeBearer: false, optOut: false }, kind: 'location' as const };
          if (kindRoll < 0.2) return { sender, content: { text: 'सड़क का काम अधूरा', complaint: false, aboutOfficeBearer: false, optOut: false }, kind: 'image' as const };
          return { sender, content: someContent(sender) };
        }),
      );
    }
    if (roll < 0.6) {
      const sender = pick(this.people.phoneSenders);
      return this.twilioDelivery(sender, someContent(sender));
    }
    if (roll < 0.75) {
      const sender = pick(this.people.phoneSenders);
      return this.gupshupDelivery(sender, someContent(sender));
    }
    const sender = pick(this.people.appSenders);
    return this.appDelivery(sender, someContent(sender));
  }

  private replayAcceptedWhatsApp(): void {
    const { raw, signature, messages } = pick(this.acceptedWhatsAppPosts);
    this.stats.providerReplays += 1;
    this.dispatch({
      entryPoint: 'whatsapp',
      messages: [],
      request: () => this.post('/webhooks/whatsapp', raw, { 'content-type': 'application/json', 'x-hub-signature-256': signature }),
      answered: (body) => {
        const reports = (body as { reports?: Array<{ reportId: string; duplicate: boolean }> }).reports ?? [];
        reports.forEach((report, index) => {
          const message = messages[index];
          // The same report id is the promise; `duplicate` only says whether this intake process
          // remembered the message (a replay after intake's SIGKILL is logged again, and stored once).
          if (message && report.reportId !== message.answeredReportId) {
            this.stats.refusedForGood.push({ providerMessageId: message.providerMessageId, status: 200, body: `a replay was not answered as the same report: ${JSON.stringify(report)}` });
          }
        });
      },
    });
  }

  private record(entryPoint: EntryPoint, providerMessageId: string, sender: Sender, content: Content, kind: SentMessage['kind']): SentMessage {
    const message: SentMessage = { ...content, entryPoint, providerMessageId, sender, kind, accepted: false, statuses: [] };
    this.ledger.set(providerMessageId, message);
    return message;
  }

  private post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`${this.intakeUrl}${path}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(15000) });
  }

  private async deliver(delivery: Delivery): Promise<void> {
    this.stats.posts += 1;
    for (let attempt = 1; !this.stopped; attempt += 1) {
      this.stats.attempts += 1;
      let status = 0;
      let text = '';
      try {
        const response = await delivery.request();
        status = response.status;
        text = await response.text();
      } catch {
        // No answer (refused connection, timeout): the provider retries.
      }
      for (const message of delivery.messages) message.statuses.push(status);
      if (status >= 200 && status < 300) {
        for (const message of delivery.messages) message.accepted = true;
        delivery.answered?.(text.startsWith('{') ? JSON.parse(text) : {});
        return;
      }
      if (status !== 0 && status !== 429 && status < 500) {
        for (const message of delivery.messages) this.stats.refusedForGood.push({ providerMessageId: message.providerMessageId, status, body: text.slice(0, 300) });
        return;
      }
      this.stats.retriedAfterRefusal += 1;
      // Providers back off; a little jitter keeps the retries of an outage from arriving together.
      await new Promise((resolve) => setTimeout(resolve, Math.min(4000, 500 * attempt) + Math.random() * 500));
    }
  }
}
