import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ConfigModule, type ServiceConfig } from '@cc/config';
import { MessagingModule } from '@cc/messaging';
import { LoggingModule, MetricsModule } from '@cc/observability';
import { PersistenceModule } from '@cc/persistence';
import { HealthController } from './health/health.controller';
import { ShutdownState } from './health/shutdown-state';

/** What every service has: config, logs, metrics, health, its database and the event backbone. */
@Module({})
export class PlatformModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        MetricsModule,
        PersistenceModule.forRoot(config),
        MessagingModule.forRoot(config),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [ShutdownState],
      exports: [MetricsModule, PersistenceModule],
    };
  }
}
