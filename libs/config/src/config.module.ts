import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { ServiceConfig } from './service-config.schema';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Makes the configuration validated in `main.ts` injectable as {@link SERVICE_CONFIG}. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: SERVICE_CONFIG, useValue: config }],
      exports: [SERVICE_CONFIG],
    };
  }
}
