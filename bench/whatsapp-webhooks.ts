import { createHmac, randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import { ReportReceivedEvent } from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { whatsAppContact, whatsAppMessages, whatsAppWebhook } from '../services/intake/src/channels/fixtures';
import { parseWhatsAppWebhook } from '../services/intake/src/channels/whatsapp/whatsapp-webhook.parser';
import { canonicalReport } from '../services/intake/src/reports/canonical-report';

export const WEBHOOK_PATH = '/webhooks/whatsapp';

const TEXT = 'प्रखंड कार्यालय में BDO नहीं मिले, तीन दिन से राशन कार्ड का काम रुका है';
const ID_SLOT = '@@WAMID@@';
const SENDER_SLOT = '@@WAID@@';
/** Fixed widths, so that every body has the same size. */
const SEQUENCE_DIGITS = 10;
const SENDER_DIGITS = 9;

export interface SignedWebhook {
  body: Buffer;
  /** `X-Hub-Signature-256`. */
  signature: string;
}

/**
 * WhatsApp Cloud API webhooks as Meta sends them (one entry, one text message and its contact),
 * each with a wamid of its own (intake deduplicates on it) and one of `senders` phone numbers (so
 * that the events' keys spread over the partitions), signed with the app secret. The body is
 * built from a template: the load generator calls this for every request.
 */
export class WhatsAppWebhooks {
  private readonly parts: string[];
  private sequence = 0;

  constructor(
    private readonly appSecret: string,
    private readonly senders: number,
    /** Keeps wamids of different runs apart. */
    private readonly runId = randomUUID().slice(0, 8),
  ) {
    const message = whatsAppMessages.text(TEXT, { id: ID_SLOT, from: SENDER_SLOT });
    const template = JSON.stringify(whatsAppWebhook({ messages: [message], contacts: [whatsAppContact(SENDER_SLOT, 'Sunita Kumari', undefined)] }));
    this.parts = template.split(new RegExp(`(${ID_SLOT}|${SENDER_SLOT})`));
  }

  next(): SignedWebhook {
    const sequence = this.sequence++;
    const wamid = `wamid.HBgM${this.runId}${sequence.toString(36).padStart(SEQUENCE_DIGITS, '0')}AA==`;
    const sender = `919${String(sequence % this.senders).padStart(SENDER_DIGITS, '0')}`;
    const body = Buffer.from(this.parts.map((part) => (part === ID_SLOT ? wamid : part === SENDER_SLOT ? sender : part)).join(''));
    return { body, signature: `sha256=${createHmac('sha256', this.appSecret).update(body).digest('hex')}` };
  }

  /** How many webhooks have been built so far. */
  get built(): number {
    return this.sequence;
  }
}

/**
 * The report-received record intake publishes for a webhook (same parser, canonical report and
 * CloudEvents envelope), so that the raw producer sends records of the same size and keys.
 */
export function reportReceivedRecord(webhook: SignedWebhook): Message {
  const parsed = parseWhatsAppWebhook(JSON.parse(webhook.body.toString('utf8')));
  if (!parsed.ok || parsed.messages.length !== 1) throw new Error(`the bench webhook does not parse to one message: ${JSON.stringify(parsed)}`);
  const report = canonicalReport(parsed.messages[0]!, new Date());
  return cloudEventRecord(ReportReceivedEvent, report, { id: report.reportId, source: '/connect-center/bench' });
}

/** Bytes of a record on the wire, roughly: key, value and headers. */
export function recordBytes(record: Message): number {
  const size = (value: unknown): number => (value === null || value === undefined ? 0 : Buffer.byteLength(value as string | Buffer));
  const headers = Object.entries(record.headers ?? {}).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + size(value), 0);
  return size(record.key) + size(record.value) + headers;
}
