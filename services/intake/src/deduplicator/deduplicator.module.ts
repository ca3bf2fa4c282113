import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { ReportAcceptedConsumer } from './report-accepted.consumer';

@Module({ imports: [ReportsModule], controllers: [ReportAcceptedConsumer] })
export class DeduplicatorModule {}
