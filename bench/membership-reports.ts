import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { type ReportReceived, ReportAttributedEvent, ReportReceivedEvent } from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { primaryPhone, senderOf, unknownPhone } from './membership-members';
import { seededRandom } from './membership-stats';

const SEND_CHUNK = 1000;

/** The party's channel number that the reports reach; the bench maps it to Jharkhand. */
export const CHANNEL_ENDPOINT = { id: '106540352242922', address: '+916201234567' };

const TEXTS = [
  'प्रखंड कार्यालय में BDO नहीं मिले, शिकायत दर्ज करें',
  'Ration card ka kaam 3 mahine se pending hai',
  'बिजली 4 दिन से नहीं है, कृपया मदद करें',
  'Meeting at block office tomorrow 11 am',
  'सड़क का काम अधूरा छोड़ दिया गया है',
  'Booth committee list updated, please check',
  'Kanke mein pani ki samasya hai',
  'Angara block ke mukhiya se baat hui',
];

export interface ReportMix {
  members: number;
  knownShare: number;
}

/**
 * Reports as intake publishes them: a member's first phone (`knownShare`) or an unknown number,
 * WhatsApp text (a few naming a unit), 10% from the app with a declared unit, 1% JOIN messages
 * from unknown senders (which open registrations). Each is checked against the contract schema.
 */
export function makeReports(count: number, mix: ReportMix, seed: number): ReportReceived[] {
  const random = seededRandom(seed);
  const receivedAt = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const index = Math.floor(random() * mix.members);
    const known = random() < mix.knownShare;
    const { sender, senderKey } = senderOf(known ? primaryPhone(index) : unknownPhone(index));
    const app = i % 10 === 9;
    const join = !known && i % 100 === 7;
    const { declaredUnitCode: _declared, ...example } = ReportReceivedEvent.example;
    const report: ReportReceived = {
      ...example,
      reportId: randomUUID(),
      providerMessageId: `wamid.bench.${randomUUID()}`,
      sender,
      senderKey,
      text: join ? 'JOIN Kanke - Ramesh Kumar' : TEXTS[i % TEXTS.length]!,
      channel: app ? 'app' : 'whatsapp',
      provider: app ? 'app' : 'meta-cloud-api',
      receivedAt,
      channelEndpoint: CHANNEL_ENDPOINT,
      ...(app ? { declaredUnitCode: 'JH-RAN-KANKE' } : {}),
    };
    return ReportReceivedEvent.schema.parse(report);
  });
}

/** When each report was published (performance.now()), by report id. */
export type Published = Map<string, number>;

/** The whole backlog as fast as the broker takes it, in chunks of 1000. */
export async function publishBacklog(producer: Producer, reports: readonly ReportReceived[], published: Published): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < reports.length; start += SEND_CHUNK) {
    const chunk = reports.slice(start, start + SEND_CHUNK);
    const at = performance.now();
    await producer.send({ topic: ReportReceivedEvent.topic, acks: -1, messages: chunk.map(record) });
    for (const report of chunk) published.set(report.reportId, at);
  }
  return (performance.now() - started) / 1000;
}

/**
 * Publishes at `perSecond`, a small send every 20 ms, as intake's traffic arrives; each report's
 * publish time is when its send began. Resolves to the rate actually reached.
 */
export async function publishPaced(producer: Producer, reports: readonly ReportReceived[], perSecond: number, published: Published): Promise<number> {
  const tickMs = 20;
  const started = performance.now();
  let sent = 0;
  const sends: Array<Promise<unknown>> = [];
  while (sent < reports.length) {
    const due = Math.min(reports.length, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
    if (due > sent) {
      const chunk = reports.slice(sent, due);
      const at = performance.now();
      for (const report of chunk) published.set(report.reportId, at);
      sends.push(producer.send({ topic: ReportReceivedEvent.topic, acks: -1, messages: chunk.map(record) }));
      sent = due;
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await Promise.all(sends);
  return reports.length / ((performance.now() - started) / 1000);
}

function record(report: ReportReceived) {
  return cloudEventRecord(ReportReceivedEvent, report, { id: randomUUID(), source: '/connect-center/bench' });
}

/** Commits `groupId` at the current end of `topic`, so that it reads only what comes next. */
export async function groupAtEnd(admin: Admin, groupId: string, topic: string): Promise<void> {
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.setOffsets({ groupId, topic, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
}

/** Arrivals of the events we published, by report id; others on the topic are ignored. */
export class Arrivals {
  readonly at = new Map<string, number>();
  firstAt: number | undefined;
  lastAt: number | undefined;
  private waiting: Array<{ count: number; resolve: () => void }> = [];

  constructor(private readonly published: Published) {}

  arrived(reportId: string | undefined): void {
    if (!reportId || !this.published.has(reportId) || this.at.has(reportId)) return;
    const now = performance.now();
    this.at.set(reportId, now);
    this.firstAt ??= now;
    this.lastAt = now;
    this.waiting = this.waiting.filter((waiter) => (this.at.size >= waiter.count ? (waiter.resolve(), false) : true));
  }

  /** Resolves true once `count` have arrived, false when `budgetMs` ran out first. */
  async until(count: number, budgetMs: number): Promise<boolean> {
    if (this.at.size >= count) return true;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => this.waiting.push({ count, resolve: () => resolve(true) }));
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), budgetMs)));
    try {
      return await Promise.race([arrived, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Milliseconds from publish to arrival, for those that arrived. */
  lags(): number[] {
    return [...this.at].map(([reportId, at]) => at - this.published.get(reportId)!);
  }

  /** Events per second from the first arrival to the last (the first one starts the clock). */
  rate(): number {
    if (this.firstAt === undefined || this.lastAt === undefined || this.at.size < 2) return 0;
    return ((this.at.size - 1) * 1000) / (this.lastAt - this.firstAt);
  }
}

/**
 * A plain kafkajs consumer on `topic` (eachBatch, 3 partitions at a time as the service's
 * transport, the value parsed as JSON to find the report id), from the offsets its group was given.
 */
export async function readReports(kafka: Kafka, groupId: string, topic: string, arrivals: Arrivals): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        try {
          arrivals.arrived((JSON.parse(message.value?.toString('utf8') ?? 'null') as { reportId?: string } | null)?.reportId);
        } catch {
          // Someone else's record: not ours to count.
        }
      }
    },
  });
  return consumer;
}

export const REPORT_TOPICS = { received: ReportReceivedEvent.topic, attributed: ReportAttributedEvent.topic } as const;
