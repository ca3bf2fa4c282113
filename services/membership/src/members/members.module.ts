import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrganisationModule } from '../organisation/organisation.module';
import { CsvBodyParser } from './api/csv-body';
import { MemberImportController } from './api/member-import.controller';
import { MembersController } from './api/members.controller';
import { MemberOutboxRelay } from './store/member.outbox-relay';
import { MemberDocument, MemberIdentityDocument, MemberIdentitySchema, MemberSchema } from './store/member.schema';
import { MembersRepository } from './store/members.repository';

@Module({
  imports: [
    OrganisationModule,
    MongooseModule.forFeature([
      { name: MemberDocument.name, schema: MemberSchema },
      { name: MemberIdentityDocument.name, schema: MemberIdentitySchema },
    ]),
  ],
  controllers: [MemberImportController, MembersController],
  providers: [MembersRepository, MemberOutboxRelay, CsvBodyParser],
  exports: [MembersRepository, MemberOutboxRelay],
})
export class MembersModule {}
