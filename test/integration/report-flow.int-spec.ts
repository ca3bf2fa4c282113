import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import { CloudEventHeaders, DeadLetterHeaders, deadLetterTopic, ReportReceivedEvent, Topics } from '@cc/contracts';
import { EventPublisher } from '@cc/messaging';
import { type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule as IntakeModule } from '../../services/intake/src/app.module';
import { intakeConfigSchema } from '../../services/intake/src/config/intake.config';
import { ReportsService } from '../../services/intake/src/reports/reports.service';
import { AppModule as ReportingModule } from '../../services/reporting/src/app.module';
import { reportingConfigSchema } from '../../services/reporting/src/config/reporting.config';

/** intake publishes to real Kafka; reporting consumes in its group and persists through mongoose. */
describe('report flow: intake → Kafka → reporting → MongoDB', () => {
  let intake: RunningService;
  let reporting: RunningService;
  let store: mongoose.Connection;

  beforeAll(async () => {
    intake = await startService(intakeConfigSchema, (config) => IntakeModule.register(config));
    reporting = await startService(reportingConfigSchema, (config) => ReportingModule.register(config));
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: reporting.config.MONGODB_DB }).asPromise();
  });

  afterAll(async () => {
    // Services first: FerretDB's SQLite backend must not lose a database file that is still in use.
    await reporting?.stop();
    await intake?.stop();
    await store?.dropDatabase();
    await store?.close();
  });

  const reportLog = () => store.collection<{ _id: string }>('report_log');

  it('persists a report published by intake, read back from the store', async () => {
    const report = await intake.app.get(ReportsService).accept(
      {
        channel: 'sms',
        provider: 'twilio',
        providerMessageId: `SM${randomUUID().replaceAll('-', '')}`,
        sender: { kind: 'phone', e164: '+919876543210' },
        kind: 'text',
        text: 'BDO कार्यालय बंद है',
        declaredUnitCode: 'JH-RAN',
      },
    );

    expect(report.duplicate).toBe(false);
    const stored = await waitFor('the report in reporting’s store', () => reportLog().findOne({ _id: report.reportId }));
    expect(stored).toMatchObject({ channel: 'sms', senderKey: report.senderKey, declaredUnitCode: 'JH-RAN', eventId: report.reportId });
    expect(JSON.stringify(stored)).not.toContain('9876543210');
  });

  it('applies a redelivered event once', async () => {
    const publisher = intake.app.get(EventPublisher);
    const unit = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
    const report = { ...ReportReceivedEvent.example, reportId: randomUUID(), declaredUnitCode: unit };
    await publisher.publish(ReportReceivedEvent, report, { id: report.reportId });
    await publisher.publish(ReportReceivedEvent, report, { id: report.reportId });
    // A later report from the same sender lands on the same partition, after both copies.
    const marker = { ...report, reportId: randomUUID() };
    const markerEventId = await publisher.publish(ReportReceivedEvent, marker);

    await waitFor('the later report', () => reportLog().findOne({ _id: marker.reportId, eventId: markerEventId }));
    // Both copies and the marker share a key, hence a partition and one counter document, in order.
    const activity = await waitFor('the later report counted', () =>
      store.collection<{ _id: string; reports: number }>('unit_activity').findOne({ unitCode: unit, reports: { $gte: 2 } }),
    );
    expect(activity).toMatchObject({ reports: 2, byChannel: { whatsapp: 2 } });
    expect(await reportLog().countDocuments({ _id: report.reportId })).toBe(1);
  });

  it('dead-letters a poison message with the reason and moves on', async () => {
    const kafka = new Kafka({ clientId: 'report-flow-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: 1 });
    const producer = kafka.producer();
    const dlqReader = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    await producer.connect();
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: deadLetterTopic(Topics.ReportReceived), fromBeginning: true });
    const poisonKey = `poison-${randomUUID()}`;
    const deadLetters: Array<Record<string, string>> = [];
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== poisonKey) return;
        deadLetters.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])));
      },
    });

    await producer.send({
      topic: Topics.ReportReceived,
      messages: [
        {
          key: poisonKey,
          value: JSON.stringify({ reportId: 'not-a-uuid', channel: 'fax' }),
          headers: { [CloudEventHeaders.type]: ReportReceivedEvent.type, [CloudEventHeaders.id]: randomUUID() },
        },
      ],
    });
    const after = { ...ReportReceivedEvent.example, reportId: randomUUID(), senderKey: poisonKey };
    await intake.app.get(EventPublisher).publish(ReportReceivedEvent, after);

    const [deadLetter] = await waitFor('the dead letter', () => deadLetters.length > 0 && deadLetters);
    expect(deadLetter[DeadLetterHeaders.reason]).toMatch(/reportId/);
    expect(deadLetter[DeadLetterHeaders.reason]).toMatch(/channel/);
    expect(deadLetter[DeadLetterHeaders.sourceTopic]).toBe(Topics.ReportReceived);
    expect(deadLetter[DeadLetterHeaders.consumerGroup]).toBe(reporting.config.KAFKA_GROUP_ID);
    await waitFor('the report behind the poison message', () => reportLog().findOne({ _id: after.reportId }));

    await dlqReader.disconnect();
    await producer.disconnect();
  });
});
