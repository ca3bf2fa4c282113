import { waitFor } from './wait-for';
import { dockerAvailable, INFRA_MODE_VARIABLE, type InfraMode, type InfraOptions, loadLocalInfra, quietly } from './test-infrastructure';

interface StartedInfra {
  mode: InfraMode;
  stop: () => Promise<void>;
}

declare global {
  var __CC_TEST_INFRA__: StartedInfra | undefined;
}

/** Starts (or finds) the broker and store once for the whole integration run. */
export default async function globalSetup(): Promise<void> {
  const started = await startInfrastructure();
  await waitForGroupCoordinator(process.env.KAFKA_BROKERS!);
  process.env[INFRA_MODE_VARIABLE] = started.mode;
  process.env.LOG_LEVEL ??= 'warn';
  globalThis.__CC_TEST_INFRA__ = started;
}

async function startInfrastructure(): Promise<StartedInfra> {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) {
    log(`using KAFKA_BROKERS=${process.env.KAFKA_BROKERS} and the given MONGODB_URI`);
    return { mode: 'external', stop: async () => undefined };
  }
  if (process.env.CC_TEST_INFRA !== 'local' && (await dockerAvailable())) return startContainers();
  const infra = loadLocalInfra();
  const { kafkaBrokers, mongoUri, started } = await infra.up(quietly());
  process.env.KAFKA_BROKERS = kafkaBrokers;
  process.env.MONGODB_URI = mongoUri;
  log(`local Kafka ${kafkaBrokers} and FerretDB ${mongoUri} (${started.length ? `started ${started.join(', ')}` : 'already running'})`);
  return {
    mode: 'local',
    // Stop only what this run started: a developer's running `npm start` keeps its infrastructure.
    stop: async () => {
      if (started.length > 0) await infra.down(quietly({ components: started as InfraOptions['components'] }));
    },
  };
}

async function startContainers(): Promise<StartedInfra> {
  const [{ KafkaContainer }, { MongoDBContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/mongodb'),
  ]);
  log('Docker found: starting Kafka and MongoDB containers');
  const [kafka, mongo] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.9.1').withKraft().start(),
    new MongoDBContainer('mongo:8.0').start(),
  ]);
  process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  process.env.MONGODB_URI = `${mongo.getConnectionString()}/?directConnection=true`;
  return {
    mode: 'containers',
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}

/**
 * A freshly formatted broker answers metadata before its group coordinator has loaded
 * `__consumer_offsets`; group operations fail until then ("coordinator is loading"). Tests start
 * once it serves a group request, so that no test meets a half-started broker.
 */
async function waitForGroupCoordinator(brokers: string): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ clientId: 'test-setup', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await waitFor('the Kafka group coordinator', async () => {
      await admin.describeGroups(['connect-center-test-setup']);
      return true;
    }, { timeoutMs: 60000, intervalMs: 250 });
  } finally {
    await admin.disconnect();
  }
}

function log(message: string): void {
  process.stdout.write(`\n[integration] ${message}\n`);
}
