import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReportLogRepository } from './report-log.repository';
import { ReportLog, ReportLogSchema } from './report-log.schema';
import { ReportReceivedConsumer } from './report-received.consumer';

@Module({
  imports: [MongooseModule.forFeature([{ name: ReportLog.name, schema: ReportLogSchema }])],
  controllers: [ReportReceivedConsumer],
  providers: [ReportLogRepository],
  exports: [ReportLogRepository],
})
export class ActivityModule {}
