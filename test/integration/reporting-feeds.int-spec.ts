import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  AICC_FEED,
  CASE_EVENT_DEFINITIONS,
  type CaseEvent,
  CloudEventHeaders,
  deadLetterTopic,
  DeadLetterHeaders,
  type FeedCase,
  type FeedRecord,
  type FeedReport,
  FeedRecordTypes,
  type ReportAttributed,
  ReportAttributedEvent,
  reportAttributedSchema,
  stateFeedTopic,
  Topics,
} from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { type EventReader, readEvents, type ServiceProcess, spawnService, startGroupAtEnd, waitFor, waitUntilReady } from '@cc/testing';

const JH_FEED = stateFeedTopic('JH');
const REPO_ROOT = join(__dirname, '..', '..');
/** A +91 number, a bare ten-digit mobile, or one in Devanagari digits: none may reach a feed. */
const PHONE_LIKE = /\+91|(?<!\d)[6-9]\d{9}(?!\d)|[०-९]{10}/;

/**
 * Reporting's HQ feeds against the real broker, the service running as its own process (as in
 * production): real attributed reports and case events in, the Jharkhand and AICC feed topics read
 * as an HQ analyst's consumer would, every record scanned for what must never be there.
 */
describe('reporting HQ feeds', () => {
  const run = randomUUID().replaceAll('-', '').slice(0, 10);
  const groupId = `reporting-feeds-test-${run}`;
  const WORKER = `mbr_${run}_worker`;
  const COMPLAINANT = `mbr_${run}_complainant`;
  const CONVENOR = `mbr_${run}_convenor`;
  const SENDER = `snd_${run}_worker_key`;
  const COMPLAINANT_SENDER = `snd_${run}_complainant_key`;
  let reporting: ServiceProcess;
  let reader: EventReader;
  let producer: Producer;

  const now = () => new Date().toISOString();
  const KANKE = ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'];
  const report = (text: string, overrides: Partial<ReportAttributed> = {}): ReportAttributed =>
    reportAttributedSchema.parse({
      ...ReportAttributedEvent.example,
      reportId: randomUUID(),
      providerMessageId: `wamid.${randomUUID()}`,
      senderKey: SENDER,
      text,
      keywords: [],
      media: [],
      receivedAt: now(),
      attribution: { memberId: WORKER, trust: 'verified-member', unitCode: 'JH-RAN-KANKE', unitPath: KANKE, unitSource: 'member-home', posts: [] },
      attributedAt: now(),
      ...overrides,
    });
  const caseEvent = <T extends CaseEvent['type']>(type: T, version: number, overrides: Partial<Extract<CaseEvent, { type: T }>>): CaseEvent => {
    const caseId = `case_${run}${type}`;
    return {
      ...(CASE_EVENT_DEFINITIONS[type].example as CaseEvent),
      caseId,
      eventId: `${caseId}:${version}:${type}`,
      version,
      occurredAt: now(),
      actor: CONVENOR,
      notify: { memberIds: [CONVENOR], desks: [], reporters: [COMPLAINANT_SENDER], feeds: ['state'] },
      ...overrides,
    } as CaseEvent;
  };

  const publishReports = (...reports: ReportAttributed[]) =>
    producer.send({
      topic: Topics.ReportAttributed,
      acks: -1,
      messages: reports.map((data) => cloudEventRecord(ReportAttributedEvent, data, { id: data.reportId, source: '/connect-center/membership' })),
    });
  const publishCaseEvents = (...events: CaseEvent[]) =>
    producer.send({
      topic: Topics.CaseEvents,
      acks: -1,
      messages: events.map((data) => cloudEventRecord(CASE_EVENT_DEFINITIONS[data.type], data, { id: data.eventId, source: '/connect-center/grievance' })),
    });

  const feedRecords = (topic: string) => reader.events.filter((event) => event.topic === topic);
  const reportsOn = (topic: string, text: string) => feedRecords(topic).filter((event) => (event.data as FeedReport).text?.includes(text));
  const casesOn = (topic: string, caseId: string) => feedRecords(topic).filter((event) => (event.data as FeedCase).caseId === caseId);
  const deadLetters = (topic: string) =>
    reader.events.filter((event) => event.topic === deadLetterTopic(topic as typeof Topics.ReportAttributed) && event.headers[DeadLetterHeaders.consumerGroup] === `${groupId}-feeds`);

  beforeAll(async () => {
    await startGroupAtEnd(groupId);
    reporting = await spawnService('reporting', {
      MONGODB_DB: `reporting_feeds_${run}`,
      KAFKA_GROUP_ID: groupId,
      KAFKA_CONSUMER_MAX_ATTEMPTS: '2',
      REPORTING_FEED_SECRET: 'reporting-feed-secret-for-tests-0123456789',
    });
    await waitUntilReady(reporting);
    reader = await readEvents([JH_FEED, Topics.AiccFeed, deadLetterTopic(Topics.ReportAttributed)]);
    producer = new Kafka({ clientId: 'reporting-feeds-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    if (reporting) {
      reporting.child.kill('SIGTERM');
      await reporting.exited;
    }
  });

  it('routes reports and case events per tier, redacted, with stable record ids, and dead-letters what it cannot route', async () => {
    const plain = report(`${run} आज प्रखंड में बैठक हुई, संपर्क +91 98123 48765 या 9812348765`);
    const complaint = report(`${run} प्रखंड अध्यक्ष ने राशन कार्ड के लिए पैसे मांगे, मेरा नंबर 9876543210`, {
      senderKey: COMPLAINANT_SENDER,
      keywords: [{ category: 'office-bearer', matched: 'अध्यक्ष' }],
      attribution: { memberId: COMPLAINANT, trust: 'verified-member', unitCode: 'JH-RAN-KANKE', unitPath: KANKE, unitSource: 'member-home', posts: [] },
    });
    const unplaced = report(`${run} कहाँ शिकायत करें?`, { attribution: { trust: 'unknown', unitCode: 'IN', unitPath: ['IN'], unitSource: 'unassigned', posts: [] } });
    const STATE_HQ = { kind: 'role', unitCode: 'JH', level: 'state', role: 'state-hq' } as const;
    const BLOCK = { kind: 'post', unitCode: 'JH-RAN-KANKE', level: 'block', post: 'grievance-convenor' } as const;
    const assigned = caseEvent('assigned', 3, { severity: 'normal', desk: BLOCK, assigneeId: `mbr_${run}_assignee` });
    const escalated = caseEvent('escalated', 2, { severity: 'normal', desk: STATE_HQ, to: STATE_HQ, actor: 'system' });
    const critical = caseEvent('opened', 1, { severity: 'critical', actor: 'system' });

    await publishReports(plain, complaint, unplaced);
    await publishCaseEvents(assigned, escalated, critical);

    await waitFor('every record on the feeds', () =>
      reportsOn(JH_FEED, plain.text.slice(0, 20)).length >= 1 &&
      reportsOn(JH_FEED, complaint.text.slice(0, 20)).length >= 1 &&
      reportsOn(Topics.AiccFeed, unplaced.text).length >= 1 &&
      casesOn(JH_FEED, assigned.caseId).length >= 1 &&
      casesOn(JH_FEED, escalated.caseId).length >= 1 &&
      casesOn(Topics.AiccFeed, escalated.caseId).length >= 1 &&
      casesOn(JH_FEED, critical.caseId).length >= 1 &&
      casesOn(Topics.AiccFeed, critical.caseId).length >= 1,
    );

    // Delivery is at least once (a retried batch publishes again, with the same ids), so records are counted by id.
    const ids = (events: typeof reader.events) => [...new Set(events.map((event) => (event.data as FeedRecord).recordId))];

    // Routing per tier: reports to their state only, AICC what the policy names.
    expect([...new Set(reportsOn(Topics.AiccFeed, run).map((event) => (event.data as FeedReport).text))]).toEqual([unplaced.text]);
    expect(reportsOn(JH_FEED, unplaced.text)).toHaveLength(0);
    expect(casesOn(Topics.AiccFeed, assigned.caseId)).toHaveLength(0);

    // Plain JSON, CloudEvents headers, the record id as ce_id, keyed by case for order.
    const [jhPlain] = reportsOn(JH_FEED, plain.text.slice(0, 20));
    expect(jhPlain!.headers[CloudEventHeaders.type]).toBe(FeedRecordTypes.report);
    expect(jhPlain!.headers[CloudEventHeaders.id]).toBe((jhPlain!.data as FeedRecord).recordId);
    const [aiccCritical] = casesOn(Topics.AiccFeed, critical.caseId);
    expect(aiccCritical!.key).toBe(critical.caseId);
    expect(aiccCritical!.data).toMatchObject({ feed: AICC_FEED, kind: 'case', type: 'opened', severity: 'critical', stateCode: 'JH' });

    // Redaction: the plain report's member as a pseudonym, numbers gone; the complaint with no reporter at all.
    const plainRecord = jhPlain!.data as FeedReport;
    expect(plainRecord.text).toBe(`${run} आज प्रखंड में बैठक हुई, संपर्क [number removed] या [number removed]`);
    expect(plainRecord.reporter).toEqual({ shown: true, memberRef: expect.stringMatching(/^mbrp_/), trust: 'verified-member', posts: [] });
    const complaintRecord = reportsOn(JH_FEED, complaint.text.slice(0, 20))[0]!.data as FeedReport;
    expect(complaintRecord.reporter).toEqual({ shown: false, trust: 'verified-member', reason: 'may-concern-office-bearer' });
    expect(complaintRecord.unitPath).toEqual(['IN', 'JH', 'JH-RAN']);
    expect((casesOn(JH_FEED, assigned.caseId)[0]!.data as FeedCase & { assigneeRef: string }).assigneeRef).toMatch(/^mbrp_/);

    // A source event delivered again gives the same record, id and all.
    const before = reportsOn(JH_FEED, plain.text.slice(0, 20)).length;
    await publishReports(plain);
    await waitFor('the redelivered report on the JH feed', () => reportsOn(JH_FEED, plain.text.slice(0, 20)).length > before);
    const copies = reportsOn(JH_FEED, plain.text.slice(0, 20));
    expect(ids(copies)).toEqual([plainRecord.recordId]);
    for (const copy of copies) {
      expect(copy.data).toEqual(plainRecord);
      expect(copy.headers[CloudEventHeaders.id]).toBe(plainRecord.recordId);
    }

    // What it can never route goes to the source's dead-letter topic with the reason; the rest flows on.
    const lost = report(`${run} Gujarat`, { attribution: { trust: 'unknown', unitCode: 'GJ', unitPath: ['IN', 'GJ'], unitSource: 'unassigned', posts: [] } });
    await producer.send({ topic: Topics.ReportAttributed, acks: -1, messages: [{ key: 'poison', value: '{"reportId":', headers: { [CloudEventHeaders.type]: ReportAttributedEvent.type, [CloudEventHeaders.id]: `poison-${run}` } }] });
    const after = report(`${run} after the poison`);
    await publishReports(lost, after);
    await waitFor('two dead letters from reporting', () => deadLetters(Topics.ReportAttributed).length >= 2);
    const reasons = deadLetters(Topics.ReportAttributed).map((event) => event.headers[DeadLetterHeaders.reason]);
    expect(reasons.some((reason) => /JSON/i.test(reason ?? ''))).toBe(true);
    expect(reasons).toContainEqual(expect.stringContaining('FEED.NO_STATE_FEED state GJ has no HQ feed topic'));
    await waitFor('the report after the poison on the JH feed', () => reportsOn(JH_FEED, after.text).length >= 1);
    expect(ids(reportsOn(JH_FEED, after.text))).toHaveLength(1);

    // Nothing on any feed of this run carries a phone number, a member id, a sender pseudonym, or the complainant.
    const ours = reader.events.filter((event) => (event.topic === JH_FEED || event.topic === Topics.AiccFeed) && JSON.stringify(event).includes(run));
    expect(ours.length).toBeGreaterThanOrEqual(10);
    for (const event of ours) {
      // The traceparent is random hex, where ten digits in a row are no phone number.
      const { [CloudEventHeaders.traceparent]: _traceparent, ...headers } = event.headers;
      const json = JSON.stringify({ ...event, headers });
      expect(json).not.toMatch(PHONE_LIKE);
      for (const secret of [WORKER, COMPLAINANT, CONVENOR, SENDER, COMPLAINANT_SENDER, complaint.reportId, 'mbr_', 'snd_']) expect(json).not.toContain(secret);
    }
  });

  it('reports consumer lag per group: reporting’s own and its feeds’ read the same topic apart', async () => {
    const metrics = await (await fetch(`${reporting.url}/metrics`)).text();
    const topic = Topics.ReportAttributed.replace(/\./g, '\\.');
    const lagOf = (group: string) => new RegExp(`^kafka_consumer_lag\\{group="${group}",topic="${topic}",partition="\\d+"`, 'm');
    expect(metrics).toMatch(lagOf(groupId));
    expect(metrics).toMatch(lagOf(`${groupId}-feeds`));
    // The poison of the test above, counted against the feeds' group that dead-lettered it.
    expect(metrics).toMatch(new RegExp(`^kafka_consumer_messages_total\\{group="${groupId}-feeds",topic="${topic}",outcome="dead-lettered"`, 'm'));
  });

  it('prints a feed’s records with the feed CLI', async () => {
    const admin = new Kafka({ clientId: 'reporting-feeds-test-admin', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const held = (await admin.fetchTopicOffsets(Topics.AiccFeed)).reduce((sum, { low, high }) => sum + Number(high) - Number(low), 0);
    await admin.disconnect();
    const expected = reader.events.filter((event) => event.topic === Topics.AiccFeed && JSON.stringify(event.data).includes(run));
    expect(expected.length).toBeGreaterThan(0);

    const cli = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'tools', 'feed', 'src', 'main.js'), 'tail', '--aicc', '--from-beginning', '--limit', String(held), '--brokers', process.env.KAFKA_BROKERS!], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = await once(cli, 'exit');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; type: string; key: string; record: FeedRecord });
    expect(lines).toHaveLength(held);
    for (const event of expected) {
      const printed = lines.find((line) => line.id === (event.data as FeedRecord).recordId);
      expect(printed).toMatchObject({ type: event.headers[CloudEventHeaders.type], key: event.key, record: event.data });
    }
  });
});
