import type { Consumer, Kafka } from 'kafkajs';
import { AICC_FEED, stateFeedTopic, Topics } from '@cc/contracts';
import { caseIdFor } from '../../services/grievance/src/opening/case-ids';
import { feedRecordId } from '../../services/reporting/src/feeds/feed-pseudonyms';
import type { Trace } from './traces';

const STATE = 'JH';
const STATE_FEED = stateFeedTopic(STATE);
const WATCHED = [Topics.ReportReceived, Topics.ReportAttributed, Topics.CaseEvents, STATE_FEED, Topics.AiccFeed] as const;

function header(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Reads what the services publish, as any Kafka client could, and stamps each traced message
 * with the timestamp of every record that carries it onwards: report-received (matched by the
 * provider message id the bench sent), report-attributed (its `ce_id` is the report id), the
 * case opened for it (grievance's case id is derived from the report id) and its Jharkhand feed
 * record (reporting's record id is derived from the attributed event's id; a report membership
 * placed in no state goes to the AICC feed instead, which is watched for it). A consumer group of
 * its own, positioned at the end before the traffic starts; it commits nothing.
 */
export class PipelineProbe {
  private readonly byMessage = new Map<string, Trace>();
  private readonly byReport = new Map<string, Trace>();
  private readonly byCase = new Map<string, Trace>();
  private readonly byFeedRecord = new Map<string, Trace>();
  private consumer: Consumer | undefined;
  /** Records read per topic, for the summary. */
  readonly counts = new Map<string, number>();
  /** Bytes of report-received values and headers read, for the raw Kafka run's message size. */
  private receivedBytes = 0;
  private receivedRecords = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {}

  /** Resolves once every watched partition is assigned and fetched from: later records are seen. */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, sessionTimeout: 30_000, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...WATCHED], fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const readAt = Date.now();
        this.counts.set(batch.topic, (this.counts.get(batch.topic) ?? 0) + batch.messages.length);
        for (const message of batch.messages) this.read(batch.topic, message, readAt);
      },
    });
    await joined;
  }

  /** Follows a message the bench is about to send, by the provider message id intake will report. */
  follow(providerMessageId: string, trace: Trace): void {
    this.byMessage.set(providerMessageId, trace);
  }

  /** The mean size of a report-received record (value and headers), in bytes. */
  meanReportRecordBytes(): number {
    return this.receivedRecords === 0 ? 0 : this.receivedBytes / this.receivedRecords;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private read(topic: string, message: { value: Buffer | null; timestamp: string; headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined> }, readAt: number): void {
    const timestamp = Number(message.timestamp);
    const id = header(message.headers?.ce_id);
    switch (topic) {
      case Topics.ReportReceived: {
        if (!message.value) return;
        this.receivedRecords += 1;
        this.receivedBytes += message.value.length + Object.entries(message.headers ?? {}).reduce((sum, [name, value]) => sum + name.length + (header(value)?.length ?? 0), 0);
        const report = JSON.parse(message.value.toString()) as { reportId: string; providerMessageId: string };
        const trace = this.byMessage.get(report.providerMessageId);
        if (!trace || trace.reportId !== undefined) return;
        trace.reportId = report.reportId;
        trace.receivedTs = timestamp;
        this.byReport.set(report.reportId, trace);
        this.byCase.set(caseIdFor(report.reportId), trace);
        this.byFeedRecord.set(feedRecordId(STATE, Topics.ReportAttributed, report.reportId), trace);
        this.byFeedRecord.set(feedRecordId(AICC_FEED, Topics.ReportAttributed, report.reportId), trace);
        return;
      }
      case Topics.ReportAttributed: {
        const trace = id ? this.byReport.get(id) : undefined;
        if (trace && trace.attributedTs === undefined) trace.attributedTs = timestamp;
        return;
      }
      case Topics.CaseEvents: {
        if (!message.value) return;
        const event = JSON.parse(message.value.toString()) as { type?: string; caseId?: string };
        const trace = event.type === 'opened' && event.caseId ? this.byCase.get(event.caseId) : undefined;
        if (trace && trace.caseOpenedTs === undefined) trace.caseOpenedTs = timestamp;
        return;
      }
      case STATE_FEED:
      case Topics.AiccFeed: {
        const trace = id ? this.byFeedRecord.get(id) : undefined;
        if (trace && trace.feedReadAt === undefined) {
          trace.feedTs = timestamp;
          trace.feedReadAt = readAt;
        }
        return;
      }
    }
  }
}
