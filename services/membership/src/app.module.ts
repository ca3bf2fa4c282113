import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cc/config';
import { PlatformModule } from '@cc/platform';

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot(config)] };
  }
}
