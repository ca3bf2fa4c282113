import type { Block, Geography } from './geography';
import type { Language, Member, Sender } from './people';
import { unknownSenders } from './people';
import { Random } from './random';
import { gupshupMessageId, twilioSignature, whatsAppSignature } from './signing';
import { caption, messageText } from './templates';

export const CHANNELS = ['whatsapp', 'whatsapp-status', 'twilio', 'gupshup', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

export const WHATSAPP_TYPES = ['text', 'location', 'image', 'audio', 'video', 'document', 'button_reply', 'list_reply', 'button', 'reaction'] as const;
export type WhatsAppType = (typeof WHATSAPP_TYPES)[number];

/** What the simulator signs and authenticates with: the local profile's, or the environment's. */
export interface ChannelCredentials {
  whatsappAppSecret: string;
  twilioAuthToken: string;
  /** The URL configured at Twilio (intake's TWILIO_WEBHOOK_URL): the signature covers it. */
  twilioWebhookUrl: string;
  gupshupToken: string;
  appIntegrator: string;
  appApiKey: string;
}

/** The party's numbers the traffic is addressed to. */
export interface ChannelEndpoints {
  whatsappPhoneNumberId: string;
  whatsappDisplayNumber: string;
  twilioAccountSid: string;
  twilioNumber: string;
  gupshupLongCode: string;
}

/** One HTTP request to intake, fully built (signed) before it is sent. */
export interface PlannedRequest {
  seq: number;
  channel: Channel;
  /** The message types it carries, one per message (`button_reply`, `list_reply` for WhatsApp's interactive; `status`). */
  types: string[];
  method: 'GET' | 'POST';
  /** Path and query, relative to intake's base URL. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Provider message ids intake turns into reports (reactions and statuses are not reports). */
  reportIds: string[];
  /** Messages in it, reports or not: the unit of `--rate`. */
  weight: number;
  /** A provider's retry of an earlier request: the same bytes again. */
  retry: boolean;
}

export interface TrafficOptions {
  seed: number;
  members: readonly Member[];
  geography: Geography;
  credentials: ChannelCredentials;
  endpoints: ChannelEndpoints;
  /** Share of text that is a complaint. */
  complaintShare: number;
  /** Share of requests the provider sends again. */
  retryShare: number;
  /** Intake's per-sender limit (INTAKE_SENDER_BURST / INTAKE_SENDER_PER_MINUTE), which the traffic stays under. */
  senderBurst: number;
  senderPerMinute: number;
  /** Wall clock for provider timestamps (a test fixes it). */
  clock?: () => number;
  unknownSenders?: number;
}

const CHANNEL_WEIGHTS: Record<Channel, number> = { whatsapp: 55, 'whatsapp-status': 10, twilio: 8, gupshup: 12, app: 15 };
const TYPE_WEIGHTS: Record<WhatsAppType, number> = {
  text: 44,
  image: 12,
  location: 7,
  audio: 7,
  video: 4,
  document: 5,
  button_reply: 6,
  list_reply: 5,
  button: 3,
  reaction: 7,
};
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Stay this far under intake's limits: its buckets and ours do not start at the same instant. */
const HEADROOM = 0.8;

interface Bucket {
  tokens: number;
  at: number;
}

type Json = Record<string, unknown>;

/**
 * Realistic intake traffic, one request at a time, the same for the same seed and clock. Senders
 * are spread so that none goes over intake's per-sender limit (tracked here with the same token
 * bucket, a little under it); a retry is the earlier request again, some requests later.
 */
export class TrafficGenerator {
  private readonly random: Random;
  private readonly clock: () => number;
  private readonly unknown: Sender[];
  private readonly buckets = new Map<string, Bucket>();
  private readonly retries: Array<{ dueSeq: number; request: PlannedRequest }> = [];
  private seq = 0;

  constructor(private readonly options: TrafficOptions) {
    this.random = new Random(options.seed);
    this.clock = options.clock ?? Date.now;
    this.unknown = unknownSenders(options.unknownSenders ?? 2000, options.geography, this.random);
  }

  /** The request for the send slot at `atMs` (milliseconds since the run started). */
  next(atMs: number): PlannedRequest {
    this.seq += 1;
    const due = this.retries.findIndex((retry) => retry.dueSeq <= this.seq);
    if (due >= 0) {
      const [{ request }] = this.retries.splice(due, 1);
      return { ...request, seq: this.seq, retry: true };
    }
    const channel = this.random.weighted(CHANNEL_WEIGHTS);
    const request = this.build(channel, atMs);
    if (this.random.chance(this.options.retryShare)) this.retries.push({ dueSeq: this.seq + this.random.int(5, 60), request });
    return request;
  }

  private build(channel: Channel, atMs: number): PlannedRequest {
    switch (channel) {
      case 'whatsapp':
        return this.whatsApp(atMs);
      case 'whatsapp-status':
        return this.whatsAppStatuses();
      case 'twilio':
        return this.twilio(atMs);
      case 'gupshup':
        return this.gupshup(atMs);
      case 'app':
        return this.app(atMs);
    }
  }

  private whatsApp(atMs: number): PlannedRequest {
    const { endpoints } = this.options;
    const senders = this.random.chance(0.15) ? 2 : 1;
    const contacts: Json[] = [];
    const messages: Json[] = [];
    const types: string[] = [];
    const reportIds: string[] = [];
    for (let index = 0; index < senders; index++) {
      const wanted = this.random.chance(0.35) ? this.random.int(2, 4) : 1;
      const sender = this.senderWithBudget('phone', wanted, atMs);
      const waId = sender.phone!.slice(1);
      contacts.push({ profile: { name: sender.name }, wa_id: waId });
      const complaint = this.random.chance(this.options.complaintShare);
      for (let count = 0; count < wanted; count++) {
        const type = this.random.weighted(TYPE_WEIGHTS);
        // The first message of a complaint says what it is about; photos and a location follow.
        const chosen = type === 'reaction' && count === 0 ? 'text' : type;
        const message = this.whatsAppMessage(chosen, sender, waId, complaint && count === 0);
        messages.push(message);
        types.push(chosen);
        if (message.type !== 'reaction') reportIds.push(message.id as string);
      }
    }
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100000000000000',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: endpoints.whatsappDisplayNumber, phone_number_id: endpoints.whatsappPhoneNumberId },
                contacts,
                messages,
              },
            },
          ],
        },
      ],
    });
    return this.request('whatsapp', types, 'POST', '/webhooks/whatsapp', this.whatsAppHeaders(body), body, reportIds, messages.length);
  }

  private whatsAppMessage(type: WhatsAppType, sender: Sender, waId: string, complaint: boolean): Json {
    const wireType = type === 'button_reply' || type === 'list_reply' ? 'interactive' : type;
    const base = { from: waId, id: this.wamid(), timestamp: String(Math.floor(this.clock() / 1000)), type: wireType };
    const { block, language } = sender;
    switch (type) {
      case 'text':
        return { ...base, text: { body: messageText(this.random, language, block, complaint).text } };
      case 'location': {
        const { latitude, longitude } = this.near(block);
        return { ...base, location: { latitude, longitude, name: `${block.name} Block Office`, address: `${block.name}, ${block.district.nameEn}, Jharkhand` } };
      }
      case 'image':
      case 'video':
      case 'document':
      case 'audio': {
        const media: Json = { id: this.random.chars(16, '0123456789'), mime_type: MIME[type], sha256: `${this.random.chars(43, BASE64)}=` };
        if (type === 'audio') media.voice = true;
        else media.caption = complaint ? messageText(this.random, language, block, true).text : caption(this.random, language, block);
        if (type === 'document') media.filename = this.random.pick(['shikayat.pdf', 'committee-list.pdf', 'meeting-minutes.pdf']);
        return { ...base, [type]: media };
      }
      case 'button_reply': {
        const [id, title] = this.random.pick(BUTTONS[language]);
        return { ...base, context: this.context(), interactive: { type: 'button_reply', button_reply: { id, title } } };
      }
      case 'list_reply': {
        const [id, title, description] = this.random.pick(LIST_ITEMS);
        return { ...base, context: this.context(), interactive: { type: 'list_reply', list_reply: { id, title, description } } };
      }
      case 'button': {
        const [payload, text] = this.random.pick(TEMPLATE_BUTTONS[language]);
        return { ...base, context: this.context(), button: { payload, text } };
      }
      case 'reaction':
        return { ...base, reaction: { message_id: this.wamid(), emoji: this.random.pick(['👍', '🙏', '❤️', '👏']) } };
    }
  }

  private whatsAppStatuses(): PlannedRequest {
    const { endpoints } = this.options;
    const count = this.random.int(1, 3);
    const statuses: Json[] = [];
    for (let index = 0; index < count; index++) {
      const recipient = this.anySender('phone');
      const status = this.random.weighted({ sent: 4, delivered: 4, read: 3, failed: 1 });
      statuses.push({
        id: this.wamid(),
        status,
        timestamp: String(Math.floor(this.clock() / 1000)),
        recipient_id: recipient.phone!.slice(1),
        ...(status === 'failed' ? { errors: [{ code: 131047, title: 'Re-engagement message' }] } : {}),
      });
    }
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100000000000000',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: endpoints.whatsappDisplayNumber, phone_number_id: endpoints.whatsappPhoneNumberId },
                statuses,
              },
            },
          ],
        },
      ],
    });
    return this.request('whatsapp-status', statuses.map(() => 'status'), 'POST', '/webhooks/whatsapp', this.whatsAppHeaders(body), body, [], count);
  }

  private twilio(atMs: number): PlannedRequest {
    const { credentials, endpoints } = this.options;
    const sender = this.senderWithBudget('phone', 1, atMs);
    const { text } = messageText(this.random, sender.language, sender.block, this.random.chance(this.options.complaintShare));
    const sid = `SM${this.random.chars(32)}`;
    const params: Record<string, string> = {
      ToCountry: 'IN',
      SmsMessageSid: sid,
      NumMedia: '0',
      SmsSid: sid,
      SmsStatus: 'received',
      Body: text,
      FromCountry: 'IN',
      To: endpoints.twilioNumber,
      NumSegments: String(segments(text)),
      MessageSid: sid,
      AccountSid: endpoints.twilioAccountSid,
      From: sender.phone!,
      ApiVersion: '2010-04-01',
    };
    const body = new URLSearchParams(params).toString();
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(credentials.twilioWebhookUrl, params, credentials.twilioAuthToken),
    };
    return this.request('twilio', ['sms'], 'POST', '/webhooks/sms/twilio', headers, body, [sid], 1);
  }

  private gupshup(atMs: number): PlannedRequest {
    const { credentials, endpoints } = this.options;
    const sender = this.senderWithBudget('phone', 1, atMs);
    const { text } = messageText(this.random, sender.language, sender.block, this.random.chance(this.options.complaintShare));
    const timestamp = String(this.clock());
    // Gateways write the number as 10 digits or with 91 in front.
    const msisdn = this.random.chance(0.5) ? sender.phone!.slice(3) : sender.phone!.slice(1);
    const query = new URLSearchParams({
      token: credentials.gupshupToken,
      phonecode: endpoints.gupshupLongCode,
      keyword: (text.split(/\s+/)[0] ?? '').toUpperCase(),
      location: 'Jharkhand',
      carrier: this.random.pick(['Airtel', 'Jio', 'Vodafone Idea', 'BSNL']),
      content: text,
      msisdn,
      timestamp,
    });
    return this.request('gupshup', ['sms'], 'GET', `/webhooks/sms/gupshup?${query.toString()}`, {}, undefined, [gupshupMessageId(sender.phone!, timestamp, text)], 1);
  }

  private app(atMs: number): PlannedRequest {
    const { credentials } = this.options;
    const sender = this.senderWithBudget('app', 1, atMs);
    const complaint = this.random.chance(this.options.complaintShare);
    const text = messageText(this.random, sender.language, sender.block, complaint);
    const key = this.random.uuid();
    const report: Json = {
      reporter: { appUserId: sender.appUserId!, name: sender.name },
      text: text.text,
      sentAt: istIso(this.clock() - this.random.int(0, 600) * 1000),
    };
    if (this.random.chance(0.3)) {
      report.attachments = [{ type: 'image', url: `https://app.party.example/attachments/${this.random.chars(24)}`, mimeType: 'image/jpeg' }];
    }
    if (this.random.chance(0.25)) report.location = this.near(sender.block);
    if (!sender.known || this.random.chance(0.3)) report.declaredUnitCode = sender.block.code;
    if (complaint && text.complaint) report.complaint = text.complaint;
    const headers = { 'content-type': 'application/json', 'x-api-key': credentials.appApiKey, 'idempotency-key': key };
    return this.request('app', ['report'], 'POST', '/v1/reports', headers, JSON.stringify(report), [`${credentials.appIntegrator}:${key}`], 1);
  }

  private request(
    channel: Channel,
    types: string[],
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    reportIds: string[],
    weight: number,
  ): PlannedRequest {
    return { seq: this.seq, channel, types, method, path, headers, ...(body !== undefined ? { body } : {}), reportIds, weight, retry: false };
  }

  private whatsAppHeaders(body: string): Record<string, string> {
    return { 'content-type': 'application/json', 'x-hub-signature-256': whatsAppSignature(body, this.options.credentials.whatsappAppSecret) };
  }

  /** A member or an unknown worker reachable that way, chosen among those with `wanted` reports to spare. */
  private senderWithBudget(by: 'phone' | 'app', wanted: number, atMs: number): Sender {
    let chosen = this.anySender(by);
    for (let attempt = 0; attempt < 50 && this.tokens(chosen, by, atMs) < wanted; attempt++) chosen = this.anySender(by);
    const bucket = this.bucket(chosen, by, atMs);
    bucket.tokens -= wanted;
    return chosen;
  }

  private anySender(by: 'phone' | 'app'): Sender {
    const members = this.options.members;
    for (;;) {
      const sender = members.length > 0 && this.random.chance(0.6) ? this.random.pick(members) : this.random.pick(this.unknown);
      if (by === 'phone' ? sender.phone : sender.appUserId) return sender;
    }
  }

  private tokens(sender: Sender, by: 'phone' | 'app', atMs: number): number {
    return this.bucket(sender, by, atMs).tokens;
  }

  private bucket(sender: Sender, by: 'phone' | 'app', atMs: number): Bucket {
    const key = by === 'phone' ? `phone:${sender.phone}` : `app:${sender.appUserId}`;
    const burst = Math.max(1, Math.floor(this.options.senderBurst * HEADROOM));
    const perMs = (this.options.senderPerMinute * HEADROOM) / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: atMs };
    bucket.tokens = Math.min(burst, bucket.tokens + (atMs - bucket.at) * perMs);
    bucket.at = atMs;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private wamid(): string {
    return `wamid.HBgM${this.random.chars(40, BASE64.slice(0, 62))}==`;
  }

  private context(): Json {
    return { from: this.options.endpoints.whatsappDisplayNumber, id: this.wamid() };
  }

  /** A point within some 15 km of the district's centre. */
  private near(block: Block): { latitude: number; longitude: number } {
    const round = (value: number) => Math.round(value * 1e5) / 1e5;
    return {
      latitude: round(block.district.latitude + (this.random.next() - 0.5) * 0.25),
      longitude: round(block.district.longitude + (this.random.next() - 0.5) * 0.25),
    };
  }
}

const MIME: Record<'image' | 'audio' | 'video' | 'document', string> = {
  image: 'image/jpeg',
  audio: 'audio/ogg; codecs=opus',
  video: 'video/mp4',
  document: 'application/pdf',
};

const BUTTONS: Record<Language, ReadonlyArray<readonly [string, string]>> = {
  hi: [
    ['complaint', 'शिकायत दर्ज करें'],
    ['report', 'रिपोर्ट भेजें'],
    ['join', 'सदस्य बनें'],
  ],
  'hi-Latn': [
    ['complaint', 'Shikayat darj karein'],
    ['report', 'Report bhejein'],
    ['join', 'Sadasya banein'],
  ],
  en: [
    ['complaint', 'File a complaint'],
    ['report', 'Send a report'],
    ['join', 'Become a member'],
  ],
};

const LIST_ITEMS: ReadonlyArray<readonly [string, string, string]> = [
  ['cat_bdo', 'BDO', 'Block Development Officer'],
  ['cat_co', 'CO', 'Circle Officer / अंचल अधिकारी'],
  ['cat_ration', 'राशन', 'Ration / PDS'],
  ['cat_pension', 'पेंशन', 'Old age / widow pension'],
  ['cat_party', 'संगठन', 'Party organisation'],
];

const TEMPLATE_BUTTONS: Record<Language, ReadonlyArray<readonly [string, string]>> = {
  hi: [
    ['meeting_yes', 'हाँ, आऊँगा'],
    ['meeting_no', 'नहीं आ पाऊँगा'],
  ],
  'hi-Latn': [
    ['meeting_yes', 'Haan, aaunga'],
    ['meeting_no', 'Nahi aa paunga'],
  ],
  en: [
    ['meeting_yes', 'Yes, I will come'],
    ['meeting_no', 'Cannot come'],
  ],
};

/** SMS parts: GSM-7 160/153, UCS-2 (Devanagari) 70/67. */
function segments(text: string): number {
  const unicode = [...text].some((character) => character.charCodeAt(0) > 0x7f);
  const [single, part] = unicode ? [70, 67] : [160, 153];
  return text.length <= single ? 1 : Math.ceil(text.length / part);
}

/** An ISO instant written with India's offset, as the app's phones would. */
function istIso(epochMs: number): string {
  return `${new Date(epochMs + 5.5 * 3_600_000).toISOString().slice(0, 19)}+05:30`;
}
