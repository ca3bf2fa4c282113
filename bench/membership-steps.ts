import { performance } from 'node:perf_hooks';
import { getModelToken } from '@nestjs/mongoose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Model } from 'mongoose';
import { loadConfig } from '@cc/config';
import { connectKafkaConsumer, createServiceApp } from '@cc/platform';
import { AppModule } from '../services/membership/src/app.module';
import { AttributionOutboxRelay } from '../services/membership/src/attribution/attribution.outbox-relay';
import { AttributionDocument } from '../services/membership/src/attribution/attribution.schema';
import { ReportReceivedConsumer } from '../services/membership/src/attribution/report-received.consumer';
import { membershipConfigSchema } from '../services/membership/src/config/membership.config';
import { MembersRepository } from '../services/membership/src/members/store/members.repository';
import { RegistrationRequests } from '../services/membership/src/registration/registration-requests.service';
import type { RunningMembership } from './membership-service';

export interface StepTime {
  step: string;
  calls: number;
  /** Wall time summed over calls (calls of concurrent partitions overlap). */
  seconds: number;
  meanMs: number;
  maxMs: number;
}

export interface InProcessMembership extends RunningMembership {
  steps(): StepTime[];
}

/**
 * The membership service booted in this process as its main.ts does (minus HTTP), with the
 * attribution handler's steps timed from the outside: the handler and the repository, model,
 * relay and registration instances it calls are wrapped before the consumer starts, without
 * changing what they do. The relay's publishNow calls of one batch start together, so they are
 * timed as one step from the first call to the last one settled.
 */
export async function startMembershipInProcess(env: Record<string, string>): Promise<InProcessMembership> {
  const config = loadConfig(membershipConfigSchema, { ...process.env, ...env });
  const app = await createServiceApp(AppModule.register(config), config);
  const times = new Map<string, number[]>();
  const record = (step: string, ms: number) => (times.get(step) ?? times.set(step, []).get(step)!).push(ms);
  try {
    instrument(app, record);
    connectKafkaConsumer(app, config);
    await app.startAllMicroservices();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    pid: process.pid,
    url: '(in process)',
    readyAt: performance.now(),
    stop: () => app.close(),
    steps: () =>
      [...times].map(([step, samples]) => ({
        step,
        calls: samples.length,
        seconds: samples.reduce((sum, ms) => sum + ms, 0) / 1000,
        meanMs: samples.reduce((sum, ms) => sum + ms, 0) / samples.length,
        maxMs: Math.max(...samples),
      })),
  };
}

type Recorder = (step: string, ms: number) => void;

function timed<A extends unknown[], R>(step: string, record: Recorder, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const started = performance.now();
    try {
      return await fn(...args);
    } finally {
      record(step, performance.now() - started);
    }
  };
}

function instrument(app: NestFastifyApplication, record: Recorder): void {
  const consumer = app.get(ReportReceivedConsumer);
  consumer.handle = timed('handler (whole batch)', record, consumer.handle.bind(consumer));

  const members = app.get(MembersRepository);
  members.memberIdsByIdentity = timed('lookup: memberIdsByIdentity', record, members.memberIdsByIdentity.bind(members));
  members.byIds = timed('lookup: byIds', record, members.byIds.bind(members));

  const attributions = app.get<Model<AttributionDocument>>(getModelToken(AttributionDocument.name));
  const insertMany = attributions.insertMany.bind(attributions) as (...args: unknown[]) => Promise<unknown>;
  (attributions as unknown as { insertMany: unknown }).insertMany = timed('write: attributions insertMany', record, insertMany);

  const relay = app.get(AttributionOutboxRelay);
  const publishNow = relay.publishNow.bind(relay);
  let open: { started: number; calls: Array<Promise<void>> } | undefined;
  relay.publishNow = (id: unknown) => {
    const call = publishNow(id);
    if (!open) {
      const group = (open = { started: performance.now(), calls: [] });
      setImmediate(() => {
        open = undefined;
        void Promise.allSettled(group.calls).then(() => record('relay: publishNow of the batch (find, publish, mark)', performance.now() - group.started));
      });
    }
    open.calls.push(call);
    return call;
  };

  const registrations = app.get(RegistrationRequests);
  registrations.fromUnknownSenders = timed('registrations: fromUnknownSenders', record, registrations.fromUnknownSenders.bind(registrations));
}
