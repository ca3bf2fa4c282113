import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CasesController } from '../api/cases.controller';
import { RoutingRulesController } from '../api/routing-rules.controller';
import { ReportAttributedConsumer } from '../opening/report-attributed.consumer';
import { OrgModule } from '../org/org.module';
import { RuleSetDocument, RuleSetSchema } from '../routing/store/rule-set.schema';
import { RuleSetsRepository } from '../routing/store/rule-sets.repository';
import { SlaSweeper } from '../sla/runtime/sla-sweeper';
import { CaseContextProvider } from './case-context.provider';
import { CaseOutboxRelay } from './store/case.outbox-relay';
import { CaseDocument, CaseSchema } from './store/case.schema';
import { MongoCaseStore } from './store/mongo-case-store';

@Module({
  imports: [
    OrgModule,
    MongooseModule.forFeature([
      { name: CaseDocument.name, schema: CaseSchema },
      { name: RuleSetDocument.name, schema: RuleSetSchema },
    ]),
  ],
  controllers: [ReportAttributedConsumer, CasesController, RoutingRulesController],
  providers: [RuleSetsRepository, CaseContextProvider, CaseOutboxRelay, MongoCaseStore, SlaSweeper],
  exports: [MongoCaseStore, SlaSweeper],
})
export class CasesModule {}
