import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgUnitDocument, OrgUnitSchema } from './org-unit.schema';
import { OrgUnitsOutboxRelay } from './org-units.outbox-relay';
import { OrgUnitsRepository } from './org-units.repository';
import { OrganisationService } from './organisation.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: OrgUnitDocument.name, schema: OrgUnitSchema }])],
  providers: [OrgUnitsRepository, OrgUnitsOutboxRelay, OrganisationService],
  exports: [OrganisationService],
})
export class OrganisationModule {}
