import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { CloudEventHeaders, type DeliveryStatus, type ReportAttributed, type ReportReceived, Topics } from '@cc/contracts';
import { type EventReader, freePort, loadEsmScript, readEvents, type ServiceProcess, spawnService, startGroupAtEnd, waitFor, waitUntilReady } from '@cc/testing';
import { simulate, type SimulationResult } from '../../tools/simulator/src/simulator';

interface LocalEnv {
  localServiceEnv(service: string, options: { intakeUrl: string }): Record<string, string>;
}

function loadLocalEnv(): LocalEnv {
  return loadEsmScript<LocalEnv>(join(__dirname, '..', '..', 'deploy', 'local', 'local-env.mjs'));
}

/**
 * The channel simulator against the built intake and membership, configured with the local
 * development profile exactly as `npm start` configures them: every request it sends is signed
 * or authenticated as intake expects, and every report intake accepted reaches the topic once.
 */
describe('Channel simulator', () => {
  const run = randomUUID().slice(0, 8);
  const intakeDb = `intake_sim_${run}`;
  const membershipDb = `membership_sim_${run}`;
  const intakeGroup = `intake-sim-${run}`;
  const membershipGroup = `membership-sim-${run}`;
  let intake: ServiceProcess;
  let membership: ServiceProcess;
  let reader: EventReader;
  let result: SimulationResult;
  const output: string[] = [];

  beforeAll(async () => {
    const local = loadLocalEnv();
    const intakePort = String(await freePort());
    const intakeUrl = `http://127.0.0.1:${intakePort}`;
    await Promise.all([startGroupAtEnd(intakeGroup), startGroupAtEnd(membershipGroup)]);
    [intake, membership] = await Promise.all([
      spawnService('intake', { ...local.localServiceEnv('intake', { intakeUrl }), PORT: intakePort, MONGODB_DB: intakeDb, KAFKA_GROUP_ID: intakeGroup }),
      spawnService('membership', { ...local.localServiceEnv('membership', { intakeUrl }), MONGODB_DB: membershipDb, KAFKA_GROUP_ID: membershipGroup }),
    ]);
    await Promise.all([waitUntilReady(intake), waitUntilReady(membership)]);
    reader = await readEvents([Topics.ReportReceived, Topics.DeliveryStatus, Topics.ReportAttributed]);

    const io = { stdout: { write: (text: string) => output.push(text) }, stderr: { write: (text: string) => output.push(text) }, env: {} };
    result = await simulate(
      {
        rate: 20,
        durationSeconds: 3,
        intakeUrl,
        membershipUrl: membership.url,
        seed: 20261126,
        members: 30,
        complaintShare: 0.3,
        retryShare: 0.2,
        concurrency: 16,
      },
      io,
    );
  });

  afterAll(async () => {
    await reader?.stop();
    for (const service of [intake, membership]) {
      if (!service) continue;
      service.child.kill('SIGTERM');
      await service.exited;
    }
    for (const db of [intakeDb, membershipDb]) {
      const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    }
  });

  it('imports its members and gets every request answered 2xx or 429', () => {
    const text = output.join('');
    expect(text).toContain('30 rows imported');
    expect(text).toMatch(/0 rejected/);
    expect(result.exitCode).toBe(0);
    const totals = result.summary!.totals();
    expect(totals.requests).toBeGreaterThan(20);
    expect(totals.ok + totals.rateLimited).toBe(totals.requests);
    expect(totals.retries).toBeGreaterThan(0);
    // Phone numbers are never printed.
    expect(text).not.toMatch(/9876\d{5}/);
  });

  it('puts every accepted message on report-received as exactly one report, and nothing it did not send', async () => {
    const summary = result.summary!;
    const accepted = [...summary.accepted];
    expect(accepted.length).toBeGreaterThan(10);
    const published = () =>
      reader.events
        .filter((event) => event.topic === Topics.ReportReceived && summary.sent.has((event.data as ReportReceived).providerMessageId))
        .map((event) => ({ ceId: event.headers[CloudEventHeaders.id], report: event.data as ReportReceived }));
    await waitFor('every accepted report on the topic', () => new Set(published().map(({ report }) => report.providerMessageId)).size >= accepted.length, { timeoutMs: 30_000 });
    // Time for a second report to show up, if a retry were to make one.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    // The outbox publishes at least once: when the store fails to mark an event published (a busy
    // store on a loaded machine), it goes out again — as the same event (ce_id), which consumers
    // absorb. What must hold is one report, and one event, per message.
    const byMessage = new Map<string, { ceIds: Set<string>; reportIds: Set<string> }>();
    for (const { ceId, report } of published()) {
      const seen = byMessage.get(report.providerMessageId) ?? { ceIds: new Set<string>(), reportIds: new Set<string>() };
      seen.ceIds.add(ceId!);
      seen.reportIds.add(report.reportId);
      byMessage.set(report.providerMessageId, seen);
    }
    for (const id of accepted) expect([id, byMessage.get(id)?.ceIds.size, byMessage.get(id)?.reportIds.size]).toEqual([id, 1, 1]);
    expect([...byMessage.keys()].filter((id) => !summary.accepted.has(id))).toEqual([]);
    expect(new Set(published().map(({ report }) => report.reportId)).size).toBe(accepted.length);
    const channels = new Set(published().map(({ report }) => `${report.channel}/${report.provider}`));
    expect([...channels].sort()).toEqual(['app/app', 'sms/gupshup', 'sms/twilio', 'whatsapp/meta-cloud-api']);
  });

  it('publishes each status callback intake answered 2xx', async () => {
    const summary = result.summary!;
    expect(summary.statusesAccepted).toBeGreaterThan(0);
    await waitFor('the delivery statuses', () => reader.dataOf<DeliveryStatus>(Topics.DeliveryStatus).length >= summary.statusesAccepted, { timeoutMs: 30_000 });
    expect(reader.dataOf<DeliveryStatus>(Topics.DeliveryStatus)).toHaveLength(summary.statusesAccepted);
  });

  it('is attributed by membership: imported members as verified members, others placed in Jharkhand', async () => {
    const summary = result.summary!;
    const attributed = () => reader.dataOf<ReportAttributed>(Topics.ReportAttributed).filter((report) => summary.accepted.has(report.providerMessageId));
    await waitFor('the attributions', () => attributed().length >= summary.accepted.size, { timeoutMs: 60_000 });
    const trusts = new Set(attributed().map((report) => report.attribution.trust));
    expect(trusts).toContain('verified-member');
    expect(trusts).toContain('unknown');
    expect(attributed().every((report) => report.attribution.unitPath.includes('JH'))).toBe(true);
  });
});
