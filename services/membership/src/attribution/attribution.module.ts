import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembersModule } from '../members/members.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { RegistrationModule } from '../registration/registration.module';
import { AttributionBatchDocument, AttributionBatchSchema } from './attribution-batch.schema';
import { AttributionBatches } from './attribution-batches';
import { AttributionOutboxRelay } from './attribution.outbox-relay';
import { AttributionDocument, AttributionSchema } from './attribution.schema';
import { ReportReceivedConsumer } from './report-received.consumer';

@Module({
  imports: [OrganisationModule, MembersModule, RegistrationModule, MongooseModule.forFeature([
      { name: AttributionDocument.name, schema: AttributionSchema },
      { name: AttributionBatchDocument.name, schema: AttributionBatchSchema },
    ]),
  ],
  controllers: [ReportReceivedConsumer],
  // AttributionOutboxRelay: attributions written one by one before batches, still pending after an upgrade.
  providers: [AttributionOutboxRelay, AttributionBatches],
})
export class AttributionModule {}
