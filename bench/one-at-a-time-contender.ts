import type { Kafka, KafkaMessage } from 'kafkajs';
import mongoose from 'mongoose';
import { CloudEventHeaders, type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import { ReportLog, ReportLogSchema } from '../services/reporting/src/activity/report-log.schema';
import { indianDay, unitOf } from '../services/reporting/src/activity/unit-day';
import { UnitActivity, UnitActivitySchema } from '../services/reporting/src/activity/unit-activity.schema';
import { type Backlog, belongsTo } from './backlog';
import type { Servers } from './servers';
import { type Measurement, Stopwatch } from './stopwatch';

export const ONE_AT_A_TIME = 'one-at-a-time (eachMessage + insertOne)';

const DUPLICATE_KEY = 11000;

export interface OneAtATimeOptions {
  timeoutMs: number;
  /** kafkajs `partitionsConsumedConcurrently`; 1 (its default) is one message at a time. */
  concurrency: number;
}

/**
 * The baseline: a plain kafkajs consumer as one is usually first written. `eachMessage` with
 * kafkajs' default auto-commit, each message decoded and validated against the contract schema,
 * then one insertOne into report_log and one upsert of the unit's counter; a duplicate report
 * (E11000) is skipped. Same schemas, indexes, topic and fetch settings as the service.
 */
export async function runOneAtATime(backlog: Backlog, servers: Servers, kafka: Kafka, options: OneAtATimeOptions): Promise<Measurement> {
  const connection = await mongoose.createConnection(servers.mongoUri, { dbName: backlog.dbName }).asPromise();
  const consumer = kafka.consumer({ groupId: backlog.groupId, allowAutoTopicCreation: false });
  try {
    const reportLog = connection.model(ReportLog.name, ReportLogSchema);
    const unitActivity = connection.model(UnitActivity.name, UnitActivitySchema);
    await Promise.all([reportLog.init(), unitActivity.init()]);

    const stopwatch = new Stopwatch(backlog.events);
    await consumer.connect();
    await consumer.subscribe({ topic: ReportReceivedEvent.topic, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: options.concurrency,
      eachMessage: async ({ topic, partition, message }) => {
        const event = decode(message);
        if (!event) return;
        stopwatch.received(1);
        const { data } = event;
        try {
          await reportLog.insertOne({
            _id: data.reportId,
            channel: data.channel,
            senderKey: data.senderKey,
            receivedAt: new Date(data.receivedAt),
            declaredUnitCode: data.declaredUnitCode,
            unitCode: unitOf(data),
            day: indianDay(data.receivedAt),
            eventId: event.id,
            sourceRecord: `${topic}/${partition}/${message.offset}`,
          });
        } catch (error) {
          if ((error as { code?: unknown }).code === DUPLICATE_KEY) return;
          throw error;
        }
        await unitActivity.updateOne(
          { _id: `${unitOf(data)}|${indianDay(data.receivedAt)}|p${partition}` },
          {
            $setOnInsert: { unitCode: unitOf(data), day: indianDay(data.receivedAt), partition },
            $inc: { reports: 1, [`byChannel.${data.channel}`]: 1 },
            $max: { appliedOffset: Number(message.offset) },
          },
          { upsert: true },
        );
        if (belongsTo(backlog, data)) stopwatch.appliedEvents(1);
      },
    });
    return await stopwatch.waitUntilDone(options.timeoutMs);
  } finally {
    await consumer.disconnect();
    await connection.close();
  }
}

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  return (Array.isArray(value) ? value[0] : value)?.toString();
}

/** The event's type, JSON and schema checked, as the service's consumer does; anything else is skipped. */
function decode(message: KafkaMessage): { id: string; data: ReportReceived } | undefined {
  if (header(message, CloudEventHeaders.type) !== ReportReceivedEvent.type) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return undefined;
  }
  const parsed = ReportReceivedEvent.schema.safeParse(payload);
  const id = header(message, CloudEventHeaders.id);
  return parsed.success && id ? { id, data: parsed.data } : undefined;
}
