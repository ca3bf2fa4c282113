import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReportLogRepository } from './report-log.repository';
import { ReportLog, ReportLogSchema } from './report-log.schema';
import { ReportReceivedConsumer } from './report-received.consumer';
import { UnitActivityRepository } from './unit-activity.repository';
import { UnitActivity, UnitActivitySchema } from './unit-activity.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ReportLog.name, schema: ReportLogSchema },
      { name: UnitActivity.name, schema: UnitActivitySchema },
    ]),
  ],
  controllers: [ReportReceivedConsumer],
  providers: [ReportLogRepository, UnitActivityRepository],
  exports: [ReportLogRepository, UnitActivityRepository],
})
export class ActivityModule {}
