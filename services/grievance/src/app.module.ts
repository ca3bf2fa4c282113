import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cc/config';
import { PlatformModule } from '@cc/platform';
import { CasesModule } from './cases/cases.module';
import { OrgModule } from './org/org.module';

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot(config), OrgModule, CasesModule] };
  }
}
