import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cc/config';
import { PlatformModule } from '@cc/platform';
import { ActivityModule } from './activity/activity.module';
import { AggregatesModule } from './aggregates/aggregates.module';
import { DigestsModule } from './digests/digests.module';
import { FeedsModule } from './feeds/feeds.module';

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot(config), ActivityModule, FeedsModule, AggregatesModule, DigestsModule.register()] };
  }
}
