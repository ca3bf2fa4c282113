import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Admin } from 'kafkajs';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { createKafka } from './kafka.factory';

/**
 * Ready only while a broker answers a metadata request. Uses its own client with no retries and
 * short timeouts, so that a probe reports an outage in about a second instead of waiting out the
 * application clients' back-off.
 */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private readonly admin: Admin;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.admin = createKafka(config, {
      clientId: `${config.KAFKA_CLIENT_ID}-health`,
      connectionTimeout: 1000,
      requestTimeout: 1500,
      retry: { retries: 0 },
    }).admin();
  }

  check(key = 'kafka') {
    return this.health
      .check(key)
      .attempt(async () => {
        try {
          await this.admin.connect();
          const cluster = await this.admin.describeCluster();
          return { brokers: cluster.brokers.length };
        } catch (error) {
          // A fresh connection next time: kafkajs does not always recover a client whose broker vanished.
          await this.admin.disconnect().catch(() => undefined);
          throw error;
        }
      })
      .withTimeout(2500);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect();
  }
}
