import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AggregateQueries } from '../api/aggregate-queries';
import { AggregatesController } from '../api/aggregates.controller';
import { DashboardController } from '../api/dashboard.controller';
import { ExportController } from '../api/export.controller';
import { AggregatesConsumer } from './aggregates.consumer';
import {
  CaseStateDocument,
  CaseStateSchema,
  OpenCaseDocument,
  OpenCaseSchema,
  AggregatePostHolder,
  AggregatePostHolderSchema,
  ReportIndex,
  ReportIndexSchema,
  Rollup,
  RollupSchema,
  AggregateUnit,
  AggregateUnitSchema,
  UnitPulse,
  UnitPulseSchema,
} from './store/aggregates.schema';
import { AggregatesStore } from './store/aggregates.store';
import { ReportIndexRepository } from './store/report-index.repository';

/** Aggregates folded from attributed reports, case events, units and members; their API, export and the war-room dashboard. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Rollup.name, schema: RollupSchema },
      { name: CaseStateDocument.name, schema: CaseStateSchema },
      { name: OpenCaseDocument.name, schema: OpenCaseSchema },
      { name: ReportIndex.name, schema: ReportIndexSchema },
      { name: UnitPulse.name, schema: UnitPulseSchema },
      { name: AggregateUnit.name, schema: AggregateUnitSchema },
      { name: AggregatePostHolder.name, schema: AggregatePostHolderSchema },
    ]),
  ],
  controllers: [AggregatesConsumer, AggregatesController, ExportController, DashboardController],
  providers: [AggregatesStore, ReportIndexRepository, AggregateQueries],
  exports: [AggregatesStore],
})
export class AggregatesModule {}
