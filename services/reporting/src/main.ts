import { loadConfigOrExit } from '@cc/config';
import { connectKafkaConsumer, createServiceApp, listen } from '@cc/platform';
import { AppModule } from './app.module';
import { reportingConfigSchema } from './config/reporting.config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(reportingConfigSchema);
  const app = await createServiceApp(AppModule.register(config), config);
  connectKafkaConsumer(app, config);
  await app.startAllMicroservices();
  await listen(app, config);
}

main().catch((error: unknown) => {
  process.stderr.write(`reporting failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
