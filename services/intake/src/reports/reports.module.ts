import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SERVICE_CONFIG } from '@cc/config';
import type { IntakeConfig } from '../config/intake.config';
import { DeliveryStatusPublisher } from './delivery-status.publisher';
import { IntakeReportOutboxRelay } from './intake-report.outbox-relay';
import { IntakeReportRepository } from './intake-report.repository';
import { IntakeReport, IntakeReportSchema } from './intake-report.schema';
import { ReportWriter } from './report-writer';
import { ReportsService } from './reports.service';
import { SENDER_RATE_LIMITER } from './reports.tokens';
import { SenderRateLimiter } from './sender-rate-limiter';

@Module({
  imports: [MongooseModule.forFeature([{ name: IntakeReport.name, schema: IntakeReportSchema }])],
  providers: [
    ReportsService,
    DeliveryStatusPublisher,
    IntakeReportRepository,
    ReportWriter,
    IntakeReportOutboxRelay,
    {
      provide: SENDER_RATE_LIMITER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: IntakeConfig) =>
        new SenderRateLimiter({ burst: config.INTAKE_SENDER_BURST, perMinute: config.INTAKE_SENDER_PER_MINUTE }),
    },
  ],
  exports: [ReportsService, DeliveryStatusPublisher, IntakeReportRepository],
})
export class ReportsModule {}
