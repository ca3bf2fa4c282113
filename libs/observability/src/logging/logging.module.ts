import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cc/config';
import { createRootLogger, JsonLogger } from './json-logger';

@Module({})
export class LoggingModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      providers: [{ provide: JsonLogger, useFactory: () => new JsonLogger(createRootLogger(config)) }],
      exports: [JsonLogger],
    };
  }
}
