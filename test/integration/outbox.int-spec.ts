import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import { EventPublisher, outboxEntry } from '@cc/messaging';
import { type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule as IntakeModule } from '../../services/intake/src/app.module';
import { intakeConfigSchema } from '../../services/intake/src/config/intake.config';
import { IntakeReportRepository } from '../../services/intake/src/reports/intake-report.repository';
import type { ChannelMessage } from '../../services/intake/src/channels/channel-message';
import { ReportsService } from '../../services/intake/src/reports/reports.service';
import { AppModule as ReportingModule } from '../../services/reporting/src/app.module';
import { reportingConfigSchema } from '../../services/reporting/src/config/reporting.config';

/** intake's outbox: the report and its event are one write; the relay publishes, exactly once in effect. */
describe('intake outbox', () => {
  const intakeDb = `intake_outbox_${randomUUID().slice(0, 8)}`;
  // A long sweep interval: only start-up sweeps and nudges publish, so each test controls when.
  const intakeEnv = { MONGODB_DB: intakeDb, OUTBOX_SWEEP_INTERVAL_MS: '600000' };
  let reporting: RunningService;
  let reportingStore: mongoose.Connection;
  let intakeStore: mongoose.Connection;
  const running: RunningService[] = [];

  const startIntake = async () => {
    const intake = await startService(intakeConfigSchema, (config) => IntakeModule.register(config), intakeEnv);
    running.push(intake);
    return intake;
  };

  beforeAll(async () => {
    reporting = await startService(reportingConfigSchema, (config) => ReportingModule.register(config));
    reportingStore = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: reporting.config.MONGODB_DB }).asPromise();
    intakeStore = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: intakeDb }).asPromise();
  });

  afterAll(async () => {
    for (const service of running) await service.stop().catch(() => undefined);
    await reporting?.stop();
    await reportingStore?.dropDatabase();
    await intakeStore?.dropDatabase();
    await Promise.all([reportingStore?.close(), intakeStore?.close()]);
  });

  const reportLog = () => reportingStore.collection<{ _id: string }>('report_log');
  const intakeReports = () => intakeStore.collection<{ _id: string; outboxRelayed: number; outboxPending?: boolean }>('reports');
  const unitReports = async (unitCode: string) =>
    (await reportingStore.collection<{ reports: number }>('unit_activity').find({ unitCode }).toArray()).reduce((sum, part) => sum + part.reports, 0);

  function report(unit: string, senderKey = `snd_outbox_${randomUUID().slice(0, 12)}`): ReportReceived {
    return {
      ...ReportReceivedEvent.example,
      reportId: randomUUID(),
      providerMessageId: `wamid.${randomUUID()}`,
      senderKey,
      declaredUnitCode: unit,
      receivedAt: new Date().toISOString(),
    };
  }

  it('stores the report and publishes it; a provider retry is the same report, published once', async () => {
    const intake = await startIntake();
    const message: ChannelMessage = {
      channel: 'whatsapp',
      provider: 'meta-cloud-api',
      providerMessageId: `wamid.${randomUUID()}`,
      sender: { kind: 'phone', e164: '+919000000001' },
      kind: 'text',
      text: 'नमस्ते',
    };
    const first = await intake.app.get(ReportsService).accept(message);
    const retry = await intake.app.get(ReportsService).accept(message);

    expect(retry).toEqual({ ...first, duplicate: true });
    await waitFor('the report in reporting', () => reportLog().findOne({ _id: first.reportId }));
    await waitFor('the outbox to settle', () => intakeReports().findOne({ _id: first.reportId, outboxRelayed: 1, outboxPending: { $exists: false } }));
    expect(await intakeStore.collection('reports').countDocuments({ dedupeKey: `whatsapp:${message.providerMessageId}` })).toBe(1);
    await intake.stop();
  });

  it('publishes an event whose process died between the state write and the publish', async () => {
    const unit = `OBX-${randomUUID().slice(0, 6).toUpperCase()}`;
    const dying = await startIntake();
    const lost = report(unit);
    // The write a request made just before the process died: no nudge, nothing published.
    await dying.app.get(IntakeReportRepository).insertWithEvent(lost, outboxEntry(ReportReceivedEvent, lost, lost.reportId));
    await dying.stop();
    expect(await intakeReports().findOne({ _id: lost.reportId })).toMatchObject({ outboxPending: true, outboxRelayed: 0 });
    expect(await reportLog().findOne({ _id: lost.reportId })).toBeNull();

    await startIntake();
    await waitFor('the recovered event in reporting', () => reportLog().findOne({ _id: lost.reportId, eventId: lost.reportId }));
    await waitFor('the outbox to settle', () => intakeReports().findOne({ _id: lost.reportId, outboxRelayed: 1, outboxPending: { $exists: false } }));
    expect(await unitReports(unit)).toBe(1);
  });

  it('publishes again after a death between publish and mark, and the copy changes nothing', async () => {
    const unit = `OBX-${randomUUID().slice(0, 6).toUpperCase()}`;
    const dying = await startIntake();
    const twice = report(unit);
    await dying.app.get(IntakeReportRepository).insertWithEvent(twice, outboxEntry(ReportReceivedEvent, twice, twice.reportId));
    // What the relay did before the process died: published, not yet marked.
    await dying.app.get(EventPublisher).publish(ReportReceivedEvent, twice, { id: twice.reportId });
    await dying.stop();

    const intake = await startIntake();
    await waitFor('the outbox to settle', () => intakeReports().findOne({ _id: twice.reportId, outboxPending: { $exists: false } }));
    // Same sender, same partition, after the re-published copy: once it is applied, so is the copy.
    const marker = report(unit, twice.senderKey);
    await intake.app.get(EventPublisher).publish(ReportReceivedEvent, marker, { id: marker.reportId });
    await waitFor('the marker in reporting', () => reportLog().findOne({ _id: marker.reportId }));

    expect(await reportLog().countDocuments({ _id: twice.reportId })).toBe(1);
    await waitFor('the marker counted', async () => (await unitReports(unit)) >= 2);
    expect(await unitReports(unit)).toBe(2);
  });
});
