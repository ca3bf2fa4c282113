import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CaseEvent, type ReportAttributed, Topics } from '@cc/contracts';
import { type ConsumedEvent, UnprocessableEventError } from '@cc/messaging';
import type { Case } from '../cases/case';
import { CaseContextProvider } from '../cases/case-context.provider';
import { MongoCaseStore } from '../cases/store/mongo-case-store';
import { recogniseComplaint } from '../recognition/recognise-complaint';
import { applyReporterCommand, parseReporterCommand, type ReporterCommand } from '../reporter/reporter-command';
import { caseIdFor, referenceFor } from './case-ids';
import { openCase } from './open-case';

/**
 * Opens a case for every complaint among the attributed reports, a batch at a time: recognised,
 * routed by the rules in force, written with its `opened` event in one unordered insert, the
 * events then published. The case id comes from the report id, so a redelivered report opens
 * nothing new. Reports that are not complaints leave no trace here. A report that is a reporter's
 * command on their own case (`REOPEN <reference>`, see reporter/reporter-command.ts) is applied
 * to that case instead of being read as a complaint.
 */
@Controller()
export class ReportAttributedConsumer {
  private readonly logger = new Logger(ReportAttributedConsumer.name);

  constructor(
    private readonly contexts: CaseContextProvider,
    private readonly store: MongoCaseStore,
  ) {}

  @EventPattern(Topics.ReportAttributed)
  async handle(@Payload() events: Array<ConsumedEvent<ReportAttributed>>): Promise<void> {
    if (!this.contexts.organisationKnown) {
      // Retried with back-off until the units topic has been read: routing needs the organisation.
      throw new Error('the organisation is not known yet (units topic not read): cannot route complaints');
    }
    const reports = [...new Map(events.map((event) => [event.data.reportId, event.data])).values()];
    const ctx = this.contexts.context();
    const at = new Date();
    const opened: Array<{ case: Case; events: CaseEvent[] }> = [];
    const refused: string[] = [];
    for (const report of reports) {
      const command = parseReporterCommand(report.text);
      if (command) {
        await this.applyCommand(command, report, ctx, at);
        continue;
      }
      const recognition = recogniseComplaint(report);
      if (!recognition.complaint) continue;
      const result = openCase({ caseId: caseIdFor(report.reportId), reference: referenceFor(report), report, recognition, at }, ctx);
      if (result.ok) opened.push({ case: result.case, events: result.events });
      else refused.push(`report ${report.reportId}: ${result.code} ${result.reason}`);
    }
    const written = await this.store.insertMany(opened);
    if (written.length > 0) this.logger.log(`opened ${written.length} case(s)`, { caseIds: written });
    if (refused.length > 0) {
      // The others are stored; alone, the refused report is dead-lettered for the war room to replay.
      if (reports.length === 1) throw new UnprocessableEventError(refused.join('; '));
      throw new Error(`${refused.length} complaint(s) could not be opened: ${refused.join('; ')}`);
    }
  }

  /**
   * A reporter's command, written with compare-and-set and retried on a concurrent change. A
   * command that does not apply (not a reporter of that case, the window closed, a redelivered
   * command already applied) changes nothing and is logged by its code alone: the text and the
   * sender stay out of the log.
   */
  private async applyCommand(command: ReporterCommand, report: ReportAttributed, ctx: ReturnType<CaseContextProvider['context']>, at: Date): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const c = await this.store.byReference(command.reference);
      if (!c) {
        this.logger.warn(`reporter command ${command.type} names no known case`, { reportId: report.reportId });
        return;
      }
      const result = applyReporterCommand(c, command, report.senderKey, at, ctx);
      if (!result.ok) {
        this.logger.warn(`reporter command ${command.type} refused: ${result.code}`, { reportId: report.reportId, caseId: c.id });
        return;
      }
      if (await this.store.replace(c.version, result.case, result.events)) {
        this.logger.log(`reporter command ${command.type} applied`, { reportId: report.reportId, caseId: c.id, version: result.case.version });
        return;
      }
    }
    throw new Error(`case ${command.reference} kept changing while a reporter's ${command.type} was applied; retrying the batch`);
  }
}
