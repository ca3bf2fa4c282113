import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembersModule } from '../members/members.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { RegistrationModule } from '../registration/registration.module';
import { AttributionOutboxRelay } from './attribution.outbox-relay';
import { AttributionDocument, AttributionSchema } from './attribution.schema';
import { ReportReceivedConsumer } from './report-received.consumer';

@Module({
  imports: [OrganisationModule, MembersModule, RegistrationModule, MongooseModule.forFeature([{ name: AttributionDocument.name, schema: AttributionSchema }])],
  controllers: [ReportReceivedConsumer],
  providers: [AttributionOutboxRelay],
})
export class AttributionModule {}
