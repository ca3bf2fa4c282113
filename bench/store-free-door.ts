/**
 * The store-free door of the intake bench, run as its own process: what any intake could at most
 * do on this machine if it wrote nothing to the store. Plain Fastify (no Nest), and per webhook
 * intake's own steps except the store: the raw body kept, `X-Hub-Signature-256` verified, intake's
 * WhatsApp parser and canonical report, the CloudEvents record, published by the services'
 * own EventPublisher (idempotent, acks=all, one request in flight, sends of a few milliseconds
 * gathered into one request) and answered 200 once Kafka has it. No dedupe, no rate limit, no
 * logging: a ceiling to read intake's figure against, not a design.
 *
 * Environment: PORT, KAFKA_BROKERS, TOPIC (created by the bench), WHATSAPP_APP_SECRET.
 */
import { Logger } from '@nestjs/common';
import Fastify from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import { ReportReceivedEvent } from '@cc/contracts';
import type { ServiceConfig } from '@cc/config';
import { EventPublisher } from '@cc/messaging';
import { parseWhatsAppWebhook } from '../services/intake/src/channels/whatsapp/whatsapp-webhook.parser';
import { verifyWhatsAppSignature } from '../services/intake/src/channels/whatsapp/whatsapp-signature';
import { canonicalReport } from '../services/intake/src/reports/canonical-report';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const topic = required('TOPIC');
  const appSecret = required('WHATSAPP_APP_SECRET');
  // The services' own publisher (it validates each event, as intake's outbox entry does) with their
  // defaults, outside Nest: the only settings it reads. Its per-event debug line would be printed.
  Logger.overrideLogger(['error', 'warn']);
  const kafka = new Kafka({ clientId: 'bench-store-free-door', brokers: required('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING });
  const publisher = new EventPublisher(kafka, { SERVICE_NAME: 'bench', KAFKA_PRODUCER_LINGER_MS: 5 } as ServiceConfig);
  await publisher.onModuleInit();
  // The run's own topic instead of report-received, which intake's consumers read.
  const definition = { ...ReportReceivedEvent, topic } as unknown as typeof ReportReceivedEvent;

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/webhooks/whatsapp', async (request, reply) => {
    const raw = request.body as Buffer;
    if (!verifyWhatsAppSignature(raw, request.headers['x-hub-signature-256'] as string | undefined, appSecret)) return reply.code(401).send({ code: 'BAD_SIGNATURE' });
    const parsed = parseWhatsAppWebhook(JSON.parse(raw.toString('utf8')));
    if (!parsed.ok) return reply.code(400).send({ code: 'MALFORMED' });
    const receivedAt = new Date();
    const reports = parsed.messages.map((message) => canonicalReport(message, receivedAt));
    await Promise.all(reports.map((report) => publisher.publish(definition, report, { id: report.reportId })));
    return { reports: reports.map((report) => ({ reportId: report.reportId })) };
  });
  app.get('/ready', async () => ({ ok: true }));
  const close = () =>
    void app
      .close()
      .then(() => publisher.onApplicationShutdown())
      .then(() => process.exit(0));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`store-free-door failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
