/**
 * The raw Fastify baseline of the intake bench, run as its own process: the same route and the
 * same body size limit as intake, Fastify's JSON body parsing, and nothing else (no logging, no
 * signature check, no store, no Kafka). `PORT` from the environment.
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.post('/webhooks/whatsapp', async () => ({ ok: true }));
  app.get('/ready', async () => ({ ok: true }));
  const close = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`fastify-hello failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
