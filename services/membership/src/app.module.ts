import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cc/config';
import { PlatformModule } from '@cc/platform';
import { AttributionModule } from './attribution/attribution.module';
import { CommitteesModule } from './committees/committees.module';
import { MembersModule } from './members/members.module';
import { UnitsApiModule } from './organisation/api/units-api.module';
import { OrganisationModule } from './organisation/organisation.module';
import { RegistrationModule } from './registration/registration.module';

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [
        PlatformModule.forRoot(config),
        OrganisationModule,
        MembersModule,
        AttributionModule,
        RegistrationModule,
        UnitsApiModule,
        CommitteesModule,
      ] };
  }
}
