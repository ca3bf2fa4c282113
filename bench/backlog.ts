import { randomUUID } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import { type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';

const TOPIC = ReportReceivedEvent.topic;
const SEND_CHUNK = 1000;
/** Enough distinct keys that murmur2 spreads the backlog over every partition of the topic. */
const SENDERS = 24;

/** One contender's work: N events on the topic, and a new group that starts right before them. */
export interface Backlog {
  readonly events: number;
  /** `declaredUnitCode` of every event in this backlog and of nothing else. */
  readonly unitCode: string;
  readonly groupId: string;
  readonly dbName: string;
}

/** Whether a report belongs to a backlog: anyone else's events on the shared topic are not counted. */
export function belongsTo(backlog: Backlog, report: Pick<ReportReceived, 'declaredUnitCode'>): boolean {
  return report.declaredUnitCode === backlog.unitCode;
}

/**
 * Publishes the backlog and positions its consumer group at the offsets the topic had just before,
 * so that the contender reads exactly these events (plus whatever someone else publishes meanwhile).
 */
export async function publishBacklog(admin: Admin, producer: Producer, backlog: Backlog): Promise<void> {
  const before = await admin.fetchTopicOffsets(TOPIC);
  const receivedAt = new Date().toISOString();
  for (let start = 0; start < backlog.events; start += SEND_CHUNK) {
    const messages = Array.from({ length: Math.min(SEND_CHUNK, backlog.events - start) }, (_, i) => {
      const report: ReportReceived = {
        ...ReportReceivedEvent.example,
        reportId: randomUUID(),
        senderKey: `snd_${backlog.unitCode}_${(start + i) % SENDERS}`,
        declaredUnitCode: backlog.unitCode,
        receivedAt,
      };
      return cloudEventRecord(ReportReceivedEvent, report, { id: randomUUID(), source: '/connect-center/bench' });
    });
    await producer.send({ topic: TOPIC, acks: -1, messages });
  }
  await admin.setOffsets({
    groupId: backlog.groupId,
    topic: TOPIC,
    partitions: before.map(({ partition, offset }) => ({ partition, offset })),
  });
}
