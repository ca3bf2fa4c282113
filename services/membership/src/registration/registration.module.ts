import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommitteesModule } from '../committees/committees.module';
import { MembersModule } from '../members/members.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { RegistrationsController } from './api/registrations.controller';
import { RegistrationDecisions } from './registration-decisions.service';
import { RegistrationRequests } from './registration-requests.service';
import { RegistrationDocument, RegistrationSchema } from './store/registration.schema';
import { RegistrationsRepository } from './store/registrations.repository';

/**
 * Registration of unknown senders by JOIN. Attribution's report consumer, which sees every report
 * first, hands it the reports of senders who are not members.
 */
@Module({
  imports: [OrganisationModule, MembersModule, CommitteesModule, MongooseModule.forFeature([{ name: RegistrationDocument.name, schema: RegistrationSchema }])],
  controllers: [RegistrationsController],
  providers: [RegistrationsRepository, RegistrationRequests, RegistrationDecisions],
  exports: [RegistrationRequests],
})
export class RegistrationModule {}
