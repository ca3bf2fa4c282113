import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeAppBackend, FakeGupshup, FakeWhatsAppCloudApi } from '../../services/notification/src/fakes';
import { bundledTemplates } from '../../services/notification/src/templates/fixtures';
import { type ChildServer, freePort, startChildServer } from '../child-server';
import type { Servers } from '../servers';
import { repoRoot } from '../servers';

export const SERVICES = ['intake', 'membership', 'grievance', 'notification', 'reporting'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The consumer groups of a run's services start with this (`KAFKA_GROUP_ID` = it + the service's name). */
export const groupPrefixOf = (run: string): string => `bench-system-${run}-`;

/** The local development profile, as `npm start` gives it to the services (deploy/local/local-env.mjs). */
export interface LocalEnv {
  LOCAL_CHANNEL_ENDPOINTS: { whatsappPhoneNumberId: string };
  localServiceEnv(service: string, options: { intakeUrl: string; env: NodeJS.ProcessEnv }): Record<string, string>;
}

export async function loadLocalEnv(): Promise<LocalEnv> {
  // A real dynamic import of the ESM module; tsc would turn `import()` into require().
  const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<LocalEnv>;
  return importEsm(pathToFileURL(join(repoRoot(), 'deploy', 'local', 'local-env.mjs')).href);
}

/** Notification's providers: the fakes that speak WhatsApp Cloud API's, Gupshup's and the app backend's formats on loopback. */
const FAKE_CREDENTIALS = {
  waAccessToken: 'EAAG-bench-system-access-token',
  gupshupUser: '2000170001',
  gupshupPassword: 'bench-system-gupshup-password',
  pushSecret: 'bench-system-app-push-secret-of-32-characters',
} as const;

export interface ClusterOptions {
  servers: Servers;
  run: string;
  /** Intake's per-sender limit: raised (to its configuration's maximum), so that the traffic's few thousand senders are not what limits the rate. */
  senderBurst: number;
  senderPerMinute: number;
  logLevel: string;
}

/**
 * The five built services, each as its own process (`node dist/services/<name>/src/main.js`) with
 * the local development profile, a database and consumer group of this run, and notification
 * sending to provider fakes in this process. What runs is what `npm start` runs.
 */
export class Cluster {
  readonly processes = new Map<ServiceName, ChildServer>();
  private readonly templates = bundledTemplates();
  private readonly whatsapp: FakeWhatsAppCloudApi;
  private readonly gupshup = new FakeGupshup({ userId: FAKE_CREDENTIALS.gupshupUser, password: FAKE_CREDENTIALS.gupshupPassword, dlt: this.templates.dlt });
  private readonly app = new FakeAppBackend({ secret: FAKE_CREDENTIALS.pushSecret, usersWithDevices: new Set() });

  private constructor(
    private readonly options: ClusterOptions,
    private readonly local: LocalEnv,
  ) {
    this.whatsapp = new FakeWhatsAppCloudApi({
      accessToken: FAKE_CREDENTIALS.waAccessToken,
      phoneNumberIds: [local.LOCAL_CHANNEL_ENDPOINTS.whatsappPhoneNumberId],
      templates: this.templates.catalogue.whatsappTemplates(),
    });
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    for (const service of SERVICES) {
      const main = join(repoRoot(), 'dist', 'services', service, 'src', 'main.js');
      if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
    }
    const cluster = new Cluster(options, await loadLocalEnv());
    await Promise.all([cluster.whatsapp.start(), cluster.gupshup.start(), cluster.app.start()]);
    const intakePort = await freePort();
    // All settled before anything is stopped: a service still starting when another failed would outlive the run.
    const started = await Promise.allSettled(SERVICES.map((service) => cluster.spawn(service, service === 'intake' ? intakePort : undefined)));
    const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) {
      await cluster.stop();
      throw failed.reason;
    }
    return cluster;
  }

  url(service: ServiceName): string {
    return this.processes.get(service)!.url;
  }

  /** The consumer groups of this run's services start with this. */
  get groupPrefix(): string {
    return groupPrefixOf(this.options.run);
  }

  /** Acknowledgements and status messages notification sent to the fakes. */
  notificationsSent(): number {
    return this.whatsapp.accepted.length + this.gupshup.accepted.length + this.app.pushes.length;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((process) => process.stop(30_000)));
    await Promise.all([this.whatsapp.close(), this.gupshup.close(), this.app.close()]);
  }

  private async spawn(service: ServiceName, port?: number): Promise<void> {
    const intakeUrl = `http://127.0.0.1:${port ?? 0}`;
    const environment: Record<string, string | undefined> = {
      ...process.env,
      ...this.local.localServiceEnv(service, { intakeUrl, env: process.env }),
      KAFKA_BROKERS: this.options.servers.kafkaBrokers,
      MONGODB_URI: this.options.servers.mongoUri,
      MONGODB_DB: `bench_system_${this.options.run}_${service}`,
      KAFKA_GROUP_ID: `${this.groupPrefix}${service}`,
      LOG_LEVEL: this.options.logLevel,
      HTTP_HOST: '127.0.0.1',
      ...this.serviceSpecific(service),
    };
    const child = await startChildServer({
      name: service,
      script: join(repoRoot(), 'dist', 'services', service, 'src', 'main.js'),
      env: environment,
      ...(port !== undefined ? { port } : {}),
      ready: async (url) => (await fetch(`${url}/health/ready`)).status === 200,
      timeoutMs: 180_000,
    });
    this.processes.set(service, child);
  }

  private serviceSpecific(service: ServiceName): Record<string, string> {
    switch (service) {
      case 'intake':
        return { INTAKE_SENDER_BURST: String(this.options.senderBurst), INTAKE_SENDER_PER_MINUTE: String(this.options.senderPerMinute) };
      case 'notification':
        return {
          WHATSAPP_API_BASE_URL: this.whatsapp.url,
          WHATSAPP_PHONE_NUMBER_ID: this.local.LOCAL_CHANNEL_ENDPOINTS.whatsappPhoneNumberId,
          WHATSAPP_ACCESS_TOKEN: FAKE_CREDENTIALS.waAccessToken,
          NOTIFICATION_SMS_PROVIDER: 'gupshup',
          GUPSHUP_API_BASE_URL: this.gupshup.url,
          GUPSHUP_USER_ID: FAKE_CREDENTIALS.gupshupUser,
          GUPSHUP_PASSWORD: FAKE_CREDENTIALS.gupshupPassword,
          APP_PUSH_URL: this.app.pushUrl,
          APP_PUSH_SECRET: FAKE_CREDENTIALS.pushSecret,
        };
      default:
        return {};
    }
  }
}
