import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReportReceived } from '@cc/contracts';
import { loadConfig } from '@cc/config';
import type { ConsumedEvent } from '@cc/messaging';
import { connectKafkaConsumer, createServiceApp } from '@cc/platform';
import { ReportLogRepository } from '../services/reporting/src/activity/report-log.repository';
import { ReportLog } from '../services/reporting/src/activity/report-log.schema';
import { UnitActivityRepository } from '../services/reporting/src/activity/unit-activity.repository';
import { UnitActivity } from '../services/reporting/src/activity/unit-activity.schema';
import { AppModule } from '../services/reporting/src/app.module';
import { reportingConfigSchema } from '../services/reporting/src/config/reporting.config';
import { type Backlog, belongsTo } from './backlog';
import type { Servers } from './servers';
import { type Measurement, Stopwatch } from './stopwatch';

export const BATCHED = 'batched (eachBatch + bulk insert)';

/**
 * The real reporting service, booted in-process as its main.ts does (minus HTTP): the Nest Kafka
 * transport (eachBatch, up to 500 events per handler call, commit after the handler), one unordered
 * insertMany into report_log per call, then the per-unit counters.
 *
 * Unlike the test harness's startService, the group is not moved to the end of the topic: the
 * backlog has already positioned it just before this contender's events.
 */
export async function runBatched(backlog: Backlog, servers: Servers, timeoutMs: number): Promise<Measurement> {
  const config = loadConfig(reportingConfigSchema, {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: servers.kafkaBrokers,
    MONGODB_URI: servers.mongoUri,
    MONGODB_DB: backlog.dbName,
    KAFKA_GROUP_ID: backlog.groupId,
  });
  const app = await createServiceApp(AppModule.register(config), config);
  try {
    connectKafkaConsumer(app, config);
    await app.init();
    // Collections and indexes exist before the clock starts, as they do for the other contender.
    await Promise.all([ReportLog.name, UnitActivity.name].map((name) => app.get<Model<unknown>>(getModelToken(name)).init()));
    const stopwatch = new Stopwatch(backlog.events);
    observe(app, backlog, stopwatch);
    await app.startAllMicroservices();
    return await stopwatch.waitUntilDone(timeoutMs);
  } finally {
    await app.close();
  }
}

/**
 * Times the handler from the outside: the consumer calls these repository methods through the
 * instances, so wrapping them sees each batch arrive (recordReceived) and finish (countReports
 * is the handler's last write) without changing what they do.
 */
function observe(app: NestFastifyApplication, backlog: Backlog, stopwatch: Stopwatch): void {
  const reportLog = app.get(ReportLogRepository);
  const recordReceived = reportLog.recordReceived.bind(reportLog);
  reportLog.recordReceived = (events) => {
    stopwatch.received(events.length);
    return recordReceived(events);
  };
  const unitActivity = app.get(UnitActivityRepository);
  const countReports = unitActivity.countReports.bind(unitActivity);
  unitActivity.countReports = async (events: ReadonlyArray<ConsumedEvent<ReportReceived>>) => {
    await countReports(events);
    stopwatch.appliedEvents(events.filter((event) => belongsTo(backlog, event.data)).length);
  };
}
