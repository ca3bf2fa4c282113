import { loadConfigOrExit } from '@cc/config';
import { connectKafkaConsumer, createServiceApp, listen } from '@cc/platform';
import { AppModule } from './app.module';
import { intakeConfigSchema } from './config/intake.config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(intakeConfigSchema);
  const app = await createServiceApp(AppModule.register(config), config);
  connectKafkaConsumer(app, config);
  await app.startAllMicroservices();
  await listen(app, config);
}

main().catch((error: unknown) => {
  process.stderr.write(`intake failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
