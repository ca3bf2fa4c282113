/**
 * The store-free door of the intake bench, run as its own process: what any intake could at most
 * do on this machine if it wrote nothing to the store. Plain Fastify (no Nest), and per webhook
 * intake's own steps except the store: the raw body kept, `X-Hub-Signature-256` verified, intake's
 * WhatsApp parser and canonical report, the CloudEvents record, published with the services'
 * producer settings (idempotent, acks=all, one request in flight, sends of a few milliseconds
 * gathered into one request) and answered 200 once Kafka has it. No dedupe, no rate limit, no
 * logging: a ceiling to read intake's figure against, not a design.
 *
 * Environment: PORT, KAFKA_BROKERS, TOPIC (created by the bench), WHATSAPP_APP_SECRET.
 */
import Fastify from 'fastify';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { ReportReceivedEvent } from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { MicroBatcher } from '../libs/messaging/src/producer/micro-batcher';
import { parseWhatsAppWebhook } from '../services/intake/src/channels/whatsapp/whatsapp-webhook.parser';
import { verifyWhatsAppSignature } from '../services/intake/src/channels/whatsapp/whatsapp-signature';
import { canonicalReport } from '../services/intake/src/reports/canonical-report';

/** The services' default (KAFKA_PRODUCER_LINGER_MS). */
const LINGER_MS = 5;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const topic = required('TOPIC');
  const appSecret = required('WHATSAPP_APP_SECRET');
  const producer = new Kafka({ clientId: 'bench-store-free-door', brokers: required('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const batcher = new MicroBatcher((topicMessages) => producer.sendBatch({ topicMessages, acks: -1 }).then(() => undefined), {
    lingerMs: LINGER_MS,
    maxBatchMessages: 500,
    maxPendingMessages: 10_000,
  });

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/webhooks/whatsapp', async (request, reply) => {
    const raw = request.body as Buffer;
    if (!verifyWhatsAppSignature(raw, request.headers['x-hub-signature-256'] as string | undefined, appSecret)) return reply.code(401).send({ code: 'BAD_SIGNATURE' });
    const parsed = parseWhatsAppWebhook(JSON.parse(raw.toString('utf8')));
    if (!parsed.ok) return reply.code(400).send({ code: 'MALFORMED' });
    const receivedAt = new Date();
    const reports = parsed.messages.map((message) => canonicalReport(message, receivedAt));
    await Promise.all(reports.map((report) => batcher.enqueue(topic, cloudEventRecord(ReportReceivedEvent, report, { id: report.reportId, source: '/connect-center/bench' }))));
    return { reports: reports.map((report) => ({ reportId: report.reportId })) };
  });
  app.get('/ready', async () => ({ ok: true }));
  const close = () =>
    void app
      .close()
      .then(() => batcher.flush())
      .then(() => producer.disconnect())
      .then(() => process.exit(0));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`store-free-door failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
