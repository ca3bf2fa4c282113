import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { ReportReceivedEvent } from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { type ServiceProcess, spawnService, startGroupAtEnd, waitFor, waitUntilReady } from '@cc/testing';

const EVENTS = 10000;

/**
 * reporting is SIGKILLed while it works through a backlog (mid-batch: offsets of the batch in
 * hand are not committed), then restarted. Every event must be applied exactly once in effect: one
 * report-log entry per event, and the unit's counter equal to the number of distinct events.
 */
describe('a consumer killed in the middle of a batch', () => {
  const runId = randomUUID().slice(0, 8).toUpperCase();
  const env = {
    MONGODB_DB: `crash_${runId}`,
    KAFKA_GROUP_ID: `connect-center-reporting-crash-${runId}`,
    // The killed member holds its partitions until its session times out; the broker's minimum keeps this test short.
    KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
  };
  const unit = `CRASH-${runId}`;
  let store: mongoose.Connection;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: env.MONGODB_DB }).asPromise();
  });

  afterAll(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await store.dropDatabase();
    await store.close();
  });

  it('loses nothing and applies nothing twice after a restart', async () => {
    // Started first so that the group exists; the backlog then arrives while it consumes.
    await startGroupAtEnd(env.KAFKA_GROUP_ID);
    service = await spawnService('reporting', env);
    await waitUntilReady(service);

    const kafka = new Kafka({ clientId: 'crash-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: 1 });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const receivedAt = new Date().toISOString();
    for (let start = 0; start < EVENTS; start += 1000) {
      const messages = Array.from({ length: 1000 }, (_, i) =>
        cloudEventRecord(
          ReportReceivedEvent,
          {
            ...ReportReceivedEvent.example,
            reportId: randomUUID(),
            // Several senders, so that the backlog spreads over every partition.
            senderKey: `snd_crash_${runId}_${(start + i) % 17}`,
            declaredUnitCode: unit,
            receivedAt,
          },
          { id: randomUUID(), source: '/test/crash' },
        ),
      );
      await producer.send({ topic: ReportReceivedEvent.topic, acks: -1, messages });
    }
    await producer.disconnect();

    const reportLog = store.collection('report_log');
    const atKill = await waitFor('the consumer to be part-way through', async () => {
      const applied = await reportLog.countDocuments({ unitCode: unit });
      return applied >= 300 && applied;
    }, { intervalMs: 20, timeoutMs: 60000 });
    service.child.kill('SIGKILL');
    expect(await service.exited).toBe('SIGKILL');
    expect(atKill).toBeLessThan(EVENTS);

    service = await spawnService('reporting', env);
    await waitFor('every event to be applied after the restart', async () => (await reportLog.countDocuments({ unitCode: unit })) === EVENTS, {
      timeoutMs: 120000,
      intervalMs: 500,
    });
    const counted = async () => {
      const parts = await store.collection<{ reports: number }>('unit_activity').find({ unitCode: unit }).toArray();
      return parts.reduce((sum, part) => sum + part.reports, 0);
    };
    // Every report counted once: reaching the total says nothing was lost; still being the total a
    // few seconds later says nothing was counted twice.
    await waitFor('the unit counters to reach every event', async () => (await counted()) === EVENTS, { timeoutMs: 120000, intervalMs: 500 });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await counted()).toBe(EVENTS);
    expect(await reportLog.countDocuments({ unitCode: unit })).toBe(EVENTS);
  });
});
