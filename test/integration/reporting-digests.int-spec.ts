import { randomUUID } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  CASE_EVENT_DEFINITIONS,
  type CaseEvent,
  CloudEventHeaders,
  FEED_STATE_CODES,
  type FeedDigest,
  FeedRecordTypes,
  type ReportAttributed,
  ReportAttributedEvent,
  reportAttributedSchema,
  Topics,
} from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { PlatformModule } from '@cc/platform';
import { type EventReader, readEvents, type RunningService, startGroupAtEnd, startService, waitFor } from '@cc/testing';
import { ActivityModule } from '../../services/reporting/src/activity/activity.module';
import { AggregatesModule } from '../../services/reporting/src/aggregates/aggregates.module';
import { type ReportingConfig, reportingConfigSchema } from '../../services/reporting/src/config/reporting.config';
import { DigestJob } from '../../services/reporting/src/digests/digest-job';
import { indianDayStart } from '../../services/reporting/src/digests/digest-day';
import { DigestMarkRepository, digestMarkId } from '../../services/reporting/src/digests/digest-mark.repository';
import { addDays } from '../../services/reporting/src/aggregates/keys';
import { DigestsModule } from '../../services/reporting/src/digests/digests.module';
import { feedDigestRecordId } from '../../services/reporting/src/feeds/feed-pseudonyms';
import { FeedsModule } from '../../services/reporting/src/feeds/feeds.module';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Daily digests against the real broker and store: reporting as AppModule composes it, but with a
 * clock the test moves. Attributed reports and case events go through the source topics, the clock
 * crosses Indian midnight, and the AICC feed is read as its analysts' consumer would.
 */
describe('reporting daily digests', () => {
  const run = randomUUID().replaceAll('-', '').slice(0, 10);
  // A day of its own in 2031 (the AICC topic outlives a run: other runs' digests name other days).
  const DAY = new Date(Date.UTC(2031, 0, 1) + (parseInt(run.slice(0, 6), 16) % 365) * 24 * HOUR).toISOString().slice(0, 10);
  const dayStart = indianDayStart(DAY).getTime();
  const ist = (hours: number) => new Date(dayStart + hours * HOUR).toISOString();
  const env = { MONGODB_DB: `reporting_digests_${run}`, KAFKA_GROUP_ID: `reporting-digests-test-${run}`, REPORTING_DIGEST_CHECK_MS: '200', REPORTING_DIGEST_DELAY_MS: String(5 * MINUTE) };
  let now = new Date(ist(12));
  const clock = { now: () => now };
  let reporting: RunningService<ReportingConfig> | undefined;
  let reader: EventReader;
  let producer: Producer;

  @Module({})
  class DigestTestApp {
    static register(config: ReportingConfig): DynamicModule {
      return { module: DigestTestApp, imports: [PlatformModule.forRoot(config), ActivityModule, FeedsModule, AggregatesModule, DigestsModule.register({ clock })] };
    }
  }
  const start = () => startService(reportingConfigSchema, (config) => DigestTestApp.register(config), env);

  const KANKE = ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'];
  const report = (receivedAt: string, channel: ReportAttributed['channel'], category?: 'bdo-conduct'): ReportAttributed =>
    reportAttributedSchema.parse({
      ...ReportAttributedEvent.example,
      reportId: randomUUID(),
      providerMessageId: `wamid.${randomUUID()}`,
      channel,
      text: `${run} digest test`,
      keywords: [],
      media: [],
      receivedAt,
      ...(category ? { declaredComplaint: { category } } : { declaredComplaint: undefined }),
      attribution: { memberId: `mbr_${run}_worker`, trust: 'verified-member', unitCode: 'JH-RAN-KANKE', unitPath: KANKE, unitSource: 'member-home', posts: [] },
      attributedAt: receivedAt,
    });
  const caseEvent = (caseId: string, type: CaseEvent['type'], version: number, occurredAt: string, extra: Record<string, unknown> = {}): CaseEvent => {
    const { dueAt: _dueAt, ...example } = CASE_EVENT_DEFINITIONS[type].example as CaseEvent;
    return { ...example, caseId: `case_${run}${caseId}`, eventId: `case_${run}${caseId}:${version}:${type}`, version, occurredAt, severity: 'normal', category: 'bdo-conduct', partyUnitPath: KANKE, ...extra } as CaseEvent;
  };
  const digestsOf = (day: string) =>
    reader.events.filter((event) => event.topic === Topics.AiccFeed && event.headers[CloudEventHeaders.type] === FeedRecordTypes.digest && (event.data as FeedDigest).day === day);

  beforeAll(async () => {
    // Other tests' reports and cases on the broker are Jharkhand's too: the end-of-day figures
    // (active, overdue) would count them. Units and members are still read from the start.
    await startGroupAtEnd(env.KAFKA_GROUP_ID, [Topics.ReportAttributed, Topics.CaseEvents]);
    reporting = await start();
    reader = await readEvents([Topics.AiccFeed]);
    producer = new Kafka({ clientId: 'reporting-digests-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    await reporting?.stop();
  });

  it('publishes one digest per state after Indian midnight, from the aggregates, and never a second one', async () => {
    const reports = [
      report(ist(-0.2), 'sms'), // 23:48 the evening before: not this day's
      report(ist(9), 'whatsapp', 'bdo-conduct'),
      report(ist(15), 'whatsapp'),
      report(ist(23.9), 'sms'),
      report(ist(24.1), 'app'), // 00:06 the next day
    ];
    const STATE_HQ = { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' } as const;
    const events = [
      caseEvent('escalated', 'opened', 1, ist(10)),
      caseEvent('escalated', 'escalated', 2, ist(12), { desk: STATE_HQ, to: STATE_HQ }),
      caseEvent('resolved', 'opened', 1, ist(9), { category: 'co-conduct' }),
      caseEvent('resolved', 'resolved', 2, ist(11), { category: 'co-conduct', outcome: 'actioned' }),
      caseEvent('critical', 'opened', 1, ist(-10), { severity: 'critical' }), // opened the day before, unacknowledged: overdue by midnight
    ];
    await producer.send({
      topic: Topics.ReportAttributed,
      acks: -1,
      messages: reports.map((data) => cloudEventRecord(ReportAttributedEvent, data, { id: data.reportId, source: '/connect-center/membership' })),
    });
    await producer.send({
      topic: Topics.CaseEvents,
      acks: -1,
      messages: events.map((data) => cloudEventRecord(CASE_EVENT_DEFINITIONS[data.type], data, { id: data.eventId, source: '/connect-center/grievance' })),
    });

    // The digests first ran today: no digest of the days before (the store knows nothing of them), and today is not over.
    const job = reporting!.app.get(DigestJob);
    expect(await job.tick()).toEqual({ outcome: 'nothing-due' });
    expect(await reporting!.app.get(DigestMarkRepository).published(FEED_STATE_CODES.flatMap((state) => [digestMarkId(state, addDays(DAY, -1)), digestMarkId(state, addDays(DAY, -2))]))).toEqual(new Set());

    now = new Date(ist(24));
    expect(await job.tick()).toEqual({ outcome: 'nothing-due' }); // midnight, but the delay has not passed
    now = new Date(dayStart + 24 * HOUR + 6 * MINUTE);

    await waitFor('a digest for every state', () => new Set(digestsOf(DAY).map((event) => (event.data as FeedDigest).stateCode)).size === FEED_STATE_CODES.length, { timeoutMs: 60_000 });
    expect(await job.tick()).toEqual({ outcome: 'nothing-due' });

    const jh = digestsOf(DAY).filter((event) => (event.data as FeedDigest).stateCode === 'JH');
    expect(jh).toHaveLength(1);
    expect(jh[0]!.key).toBe('JH');
    expect(jh[0]!.headers[CloudEventHeaders.id]).toBe(feedDigestRecordId('JH', DAY));
    const digest = jh[0]!.data as FeedDigest;
    expect(digest).toMatchObject({
      recordId: feedDigestRecordId('JH', DAY),
      feed: 'AICC',
      kind: 'digest',
      day: DAY,
      from: ist(0),
      to: ist(24),
      reports: { total: 3, byChannel: { whatsapp: 2, sms: 1 } },
      complaints: { total: 1, byCategory: { 'bdo-conduct': 1 } },
      casesOpened: { total: 2, byCategory: { 'bdo-conduct': 1, 'co-conduct': 1 }, byStatusNow: { escalated: 1, resolved: 1 } },
      // The case opened the day before counts only its opening, on that day.
      caseEvents: { total: 4, byType: { opened: 2, escalated: 1, resolved: 1 } },
      endOfDay: { at: ist(24), activeCases: 2, overdueCases: 1 },
    });
    expect(digest.handlingTimes.timeToAcknowledge.count).toBe(1); // the resolution acknowledged it
    expect(digest.handlingTimes.timeToResolve.count).toBe(1);
    expect(JSON.stringify(digest)).not.toMatch(/mbr_|snd_|\+91|case_|wamid/);
    const br = digestsOf(DAY).find((event) => (event.data as FeedDigest).stateCode === 'BR')!.data as FeedDigest;
    expect(br).toMatchObject({ reports: { total: 0 }, casesOpened: { total: 0 }, endOfDay: { activeCases: 0 } });

    // Down for a day, then a restart: the boot catches up the day missed, and finds this day's marks.
    await reporting!.stop();
    reporting = undefined;
    now = new Date(dayStart + 2 * 24 * HOUR + 6 * MINUTE);
    reporting = await start();
    const missed = addDays(DAY, 1);
    await waitFor('the catch-up of the day missed', () => new Set(digestsOf(missed).map((event) => (event.data as FeedDigest).stateCode)).size === FEED_STATE_CODES.length, { timeoutMs: 60_000 });
    expect(await reporting.app.get(DigestJob).tick()).toEqual({ outcome: 'nothing-due' });
    // Both days were due; a republication of this day would have come before the next day's record of the same state (same key, same partition).
    for (const state of FEED_STATE_CODES) {
      const again = digestsOf(DAY).filter((event) => (event.data as FeedDigest).stateCode === state);
      expect(again.map((event) => event.headers[CloudEventHeaders.id])).toEqual([feedDigestRecordId(state, DAY)]);
    }
    const late = digestsOf(missed).find((event) => (event.data as FeedDigest).stateCode === 'JH')!.data as FeedDigest;
    // The escalated case's state desk had a day to acknowledge it: overdue by the end of the next day.
    expect(late).toMatchObject({ reports: { total: 1, byChannel: { app: 1 } }, casesOpened: { total: 0 }, endOfDay: { activeCases: 2, overdueCases: 2 } });
  });
});
