import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import { loadConfig, type ServiceConfig } from '@cc/config';
import { connectKafkaConsumer, createServiceApp } from '@cc/platform';
import { startGroupAtEnd } from './consumer-groups';

export interface RunningService<C extends ServiceConfig = ServiceConfig> {
  app: NestFastifyApplication;
  config: C;
  url: string;
  stop(): Promise<void>;
}

/**
 * Boots a service the way its main.ts does, against the run's broker and store, on a free port,
 * with its own database and a consumer group that starts at the end of each topic, so that test
 * files do not see each other's data.
 */
export async function startService<S extends z.ZodType<ServiceConfig>>(
  schema: S,
  register: (config: z.output<S>) => DynamicModule,
  env: Record<string, string> = {},
): Promise<RunningService<z.output<S>>> {
  const runId = randomUUID().slice(0, 8);
  const config = loadConfig(schema, {
    ...process.env,
    NODE_ENV: 'test',
    ...env,
  });
  const isolated = {
    ...config,
    MONGODB_DB: env.MONGODB_DB ?? `${config.MONGODB_DB}_test_${runId}`,
    KAFKA_GROUP_ID: env.KAFKA_GROUP_ID ?? `${config.KAFKA_GROUP_ID}-test-${runId}`,
  };
  await startGroupAtEnd(isolated.KAFKA_GROUP_ID);
  const app = await createServiceApp(register(isolated), isolated);
  try {
    connectKafkaConsumer(app, isolated);
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A half-started service would keep the test process alive with its clients and timers.
    await app.close().catch(() => undefined);
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, config: isolated, url, stop: () => app.close() };
}
