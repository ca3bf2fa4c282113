import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgUnitDocument, OrgUnitSchema } from '../org-unit.schema';
import { OrgUnitsRepository } from '../org-units.repository';
import { OrganisationModule } from '../organisation.module';
import { OrgUnitNamesRepository } from './org-unit-names.repository';
import { UnitOutbox } from './unit-outbox';
import { UnitsController } from './units.controller';
import { UnitsImportService } from './units-import.service';

/**
 * The units API. OrgUnitsRepository is stateless, so this module holds its own instance rather
 * than widen OrganisationModule's exports. The text/csv body parser is MembersModule's (CsvBodyParser).
 */
@Module({
  imports: [OrganisationModule, MongooseModule.forFeature([{ name: OrgUnitDocument.name, schema: OrgUnitSchema }])],
  controllers: [UnitsController],
  providers: [UnitsImportService, OrgUnitsRepository, OrgUnitNamesRepository, UnitOutbox],
})
export class UnitsApiModule {}
