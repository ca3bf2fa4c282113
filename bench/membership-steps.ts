import { performance } from 'node:perf_hooks';
import { getModelToken } from '@nestjs/mongoose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Model } from 'mongoose';
import { loadConfig } from '@cc/config';
import { connectKafkaConsumer, createServiceApp } from '@cc/platform';
import { AppModule } from '../services/membership/src/app.module';
import { AttributionBatches } from '../services/membership/src/attribution/attribution-batches';
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
 * changing what they do.
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
  members.membersByIdentity = timed('lookup: membersByIdentity (identity + member reads)', record, members.membersByIdentity.bind(members));

  const attributions = app.get<Model<AttributionDocument>>(getModelToken(AttributionDocument.name));
  const insertMany = attributions.insertMany.bind(attributions) as (...args: unknown[]) => Promise<unknown>;
  (attributions as unknown as { insertMany: unknown }).insertMany = timed('write: attributions insertMany', record, insertMany);

  const batches = app.get(AttributionBatches);
  batches.open = timed('batch: open', record, batches.open.bind(batches));
  batches.publishAndClose = timed('batch: publish its events, close it', record, batches.publishAndClose.bind(batches));
  batches.publishRedelivered = timed('batch: redelivered reports', record, batches.publishRedelivered.bind(batches));

  const registrations = app.get(RegistrationRequests);
  registrations.fromUnknownSenders = timed('registrations: fromUnknownSenders', record, registrations.fromUnknownSenders.bind(registrations));
}
