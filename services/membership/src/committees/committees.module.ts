import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembersModule } from '../members/members.module';
import { MemberDocument, MemberSchema } from '../members/store/member.schema';
import { OrganisationModule } from '../organisation/organisation.module';
import { CommitteeController } from './api/committee.controller';
import { PostsController } from './api/posts.controller';
import { CommitteePostsService } from './committee-posts.service';
import { CommitteeLockDocument, CommitteeLockSchema } from './store/committee-lock.schema';
import { CommitteeLocksRepository } from './store/committee-locks.repository';
import { CommitteePostsRepository } from './store/committee-posts.repository';
import { MemberOutbox } from './store/member-outbox';

/** Committees' posts: assigning and ending tenures, and who sits on a committee. */
@Module({
  imports: [
    OrganisationModule,
    MembersModule,
    MongooseModule.forFeature([
      // The members collection, read by unit for committee listings; MembersRepository writes it.
      { name: MemberDocument.name, schema: MemberSchema },
      { name: CommitteeLockDocument.name, schema: CommitteeLockSchema },
    ]),
  ],
  controllers: [PostsController, CommitteeController],
  providers: [CommitteePostsService, CommitteePostsRepository, CommitteeLocksRepository, MemberOutbox],
  exports: [MemberOutbox],
})
export class CommitteesModule {}
