import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrgEventsConsumer } from './org-events.consumer';
import { PostHolderDocument, PostHolderSchema, UnitDocument, UnitSchema } from './store/org-read.schema';
import { OrgReadModels } from './store/org-read-models';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: UnitDocument.name, schema: UnitSchema },
      { name: PostHolderDocument.name, schema: PostHolderSchema },
    ]),
  ],
  controllers: [OrgEventsConsumer],
  providers: [OrgReadModels],
  exports: [OrgReadModels],
})
export class OrgModule {}
