import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IntakeReportOutboxRelay } from './intake-report.outbox-relay';
import { IntakeReportRepository } from './intake-report.repository';
import { IntakeReport, IntakeReportSchema } from './intake-report.schema';
import { ReportsService } from './reports.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: IntakeReport.name, schema: IntakeReportSchema }])],
  providers: [ReportsService, IntakeReportRepository, IntakeReportOutboxRelay],
  exports: [ReportsService, IntakeReportRepository],
})
export class ReportsModule {}
