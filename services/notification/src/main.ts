import { loadConfigOrExit } from '@cc/config';
import { connectKafkaConsumer, createServiceApp, listen } from '@cc/platform';
import { AppModule } from './app.module';
import { notificationConfigSchema } from './config/notification.config';
import { loadTemplatesOrExit } from './notifications/channels';

async function main(): Promise<void> {
  const config = loadConfigOrExit(notificationConfigSchema);
  const templates = loadTemplatesOrExit(config);
  const app = await createServiceApp(AppModule.register(config, templates), config);
  connectKafkaConsumer(app, config);
  await app.startAllMicroservices();
  await listen(app, config);
}

main().catch((error: unknown) => {
  process.stderr.write(`notification failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
