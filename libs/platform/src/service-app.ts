import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { describeConfig, type ServiceConfig } from '@cc/config';
import { useSenderKeySecret } from '@cc/identity';
import { HttpErrorFilter } from './http/http-error.filter';
import { kafkaConsumerOptions } from '@cc/messaging';
import { acceptOrCreateCorrelationId, CORRELATION_HEADER, JsonLogger, MetricsService, registerHttpObservability } from '@cc/observability';

export interface HttpRoute {
  method: string;
  /** As registered, with `:param` placeholders. */
  url: string;
}

const ROUTES = new WeakMap<INestApplication, HttpRoute[]>();

/** Every route the application serves (HEAD, which Fastify adds to each GET, left out): for API document checks. */
export function httpRoutes(app: INestApplication): readonly HttpRoute[] {
  return ROUTES.get(app) ?? [];
}

/** Builds a service's HTTP application: Fastify, JSON logs with correlation ids, HTTP metrics. */
export async function createServiceApp(
  rootModule: unknown,
  config: Pick<ServiceConfig, 'HTTP_TRUST_PROXY' | 'SENDER_KEY_SECRET'>,
): Promise<NestFastifyApplication> {
  useSenderKeySecret(config.SENDER_KEY_SECRET);
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule as never,
    new FastifyAdapter({
      bodyLimit: 1024 * 1024,
      trustProxy: config.HTTP_TRUST_PROXY,
      genReqId: (request: { headers: Record<string, unknown> }) => acceptOrCreateCorrelationId(request.headers[CORRELATION_HEADER]),
    }),
    // rawBody: channel signatures are computed over the exact bytes received.
    { bufferLogs: true, abortOnError: false, rawBody: true },
  );
  const logger = app.get(JsonLogger);
  app.useLogger(logger);
  app.useGlobalFilters(new HttpErrorFilter());
  const fastify = app.getHttpAdapter().getInstance();
  registerHttpObservability(fastify, logger, app.get(MetricsService));
  const routes: HttpRoute[] = [];
  ROUTES.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  // Module start-up (topics provisioned, producers connected) before any consumer subscribes: on
  // a new cluster the consumer's topics exist only once the provisioner has run.
  await app.init();
  return app;
}

/** Subscribes the service's Kafka consumer group to the topics its handlers listen to. */
export function connectKafkaConsumer(app: INestApplication, config: ServiceConfig): void {
  app.connectMicroservice(kafkaConsumerOptions(config, app.get(MetricsService)), { inheritAppConfig: true });
}

/** Serves HTTP until SIGTERM or SIGINT, then shuts down gracefully within SHUTDOWN_TIMEOUT_MS. */
export async function listen(app: NestFastifyApplication, config: ServiceConfig): Promise<void> {
  closeOnSignals(app, config.SHUTDOWN_TIMEOUT_MS);
  await app.listen(config.PORT, config.HTTP_HOST);
  new NestLogger('Bootstrap').log(`${config.SERVICE_NAME} listening on http://${config.HTTP_HOST}:${config.PORT}`, {
    config: describeConfig(config),
  });
}

/**
 * Readiness fails first (ShutdownState), then consumers leave their group, HTTP stops accepting,
 * producers flush and connections close. If a dependency hangs, exit rather than wait for SIGKILL.
 */
function closeOnSignals(app: INestApplication, timeoutMs: number): void {
  const logger = new NestLogger('Shutdown');
  const close = async (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await app.close();
      logger.log('shutdown complete');
      process.exit(0);
    } catch (error) {
      logger.error('shutdown failed', error instanceof Error ? error.stack : String(error));
      process.exit(1);
    }
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
