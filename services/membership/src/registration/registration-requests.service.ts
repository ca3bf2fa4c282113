import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { ReportReceived } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { MetricsService } from '@cc/observability';
import type { MembershipConfig } from '../config/membership.config';
import type { OrgTree } from '../organisation/org-tree';
import { OrganisationService } from '../organisation/organisation.service';
import { openRegistration, renewRegistration } from './pending-registration';
import { registrationRequestOf, type RegistrationRequestOfReport } from './registration-request';
import { registrationIdFor, RegistrationsRepository } from './store/registrations.repository';

const ATTEMPTS = 3;

type Outcome = 'opened' | 'updated' | 'reopened' | 'unchanged' | 'already_approved' | 'unit_not_found' | 'unit_ambiguous' | 'missing_unit';

/**
 * Turns JOIN messages of senders who are not members into pending registrations, one per sender.
 * Nothing is published: an office-bearer decides (RegistrationDecisions), and only an approval
 * reaches Kafka, as the new member. A request that names no unit, or one that cannot be told
 * apart, is stored nowhere; it is logged (by sender key, never the number) and counted.
 */
@Injectable()
export class RegistrationRequests {
  private readonly logger = new Logger(RegistrationRequests.name);
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly organisation: OrganisationService,
    private readonly registrations: RegistrationsRepository,
    metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {
    this.outcomes = new Counter({
      name: 'membership_registration_requests_total',
      help: 'JOIN messages from senders who are not members, by outcome (opened, updated, reopened, unchanged, already_approved, unit_not_found, unit_ambiguous, missing_unit)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
  }

  /** For reports of senders who are not members; other reports than JOIN messages are left alone. */
  async fromUnknownSenders(reports: readonly ReportReceived[]): Promise<void> {
    const tree = this.organisation.tree;
    const ordered = [...reports].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
    for (const report of ordered) {
      const request = registrationRequestOf(report, tree, { channelStates: this.config.MEMBERSHIP_CHANNEL_STATES });
      if (request.ok) {
        this.count(await this.store(request.request, tree));
        continue;
      }
      if (request.code === 'REGISTRATION.NOT_A_REGISTRATION') continue;
      const outcome = request.code === 'REGISTRATION.MISSING_UNIT' ? 'missing_unit' : request.code === 'REGISTRATION.UNIT_AMBIGUOUS' ? 'unit_ambiguous' : 'unit_not_found';
      // The reason quotes what the sender typed, which may be a number: the code and candidates say enough.
      this.logger.log(`registration not stored: ${request.code}`, {
        reportId: report.reportId,
        senderKey: report.senderKey,
        code: request.code,
        ...(request.candidates ? { candidates: request.candidates.map((candidate) => candidate.code) } : {}),
      });
      this.count(outcome);
    }
  }

  private async store(request: RegistrationRequestOfReport, tree: OrgTree): Promise<Outcome> {
    const id = registrationIdFor(request.senderKey);
    const unitPath = tree.pathOf(request.unitCode)!;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await this.registrations.byId(id);
      if (!stored) {
        const { senderKey: _senderKey, reportId: _reportId, ...input } = request;
        const opened = openRegistration({ id, ...input }, tree);
        if (!opened.ok) throw new Error(`${opened.code}: ${opened.reason}`);
        if (await this.registrations.insert({ registration: opened.registration, unitPath, reportId: request.reportId, previousDecisions: [] })) {
          this.logger.log('registration opened', { registrationId: id, senderKey: request.senderKey, unitCode: request.unitCode });
          return 'opened';
        }
        continue;
      }
      const renewed = renewRegistration(stored.registration, request, tree);
      if (!renewed.ok) return renewed.code === 'REGISTRATION.ALREADY_APPROVED' ? 'already_approved' : 'unit_not_found';
      if (renewed.action === 'unchanged') return 'unchanged';
      const previousDecisions = renewed.action === 'reopened' && stored.registration.decision ? [...stored.previousDecisions, stored.registration.decision] : stored.previousDecisions;
      const { memberId: _memberId, version: _version, ...kept } = stored;
      if (await this.registrations.replace(stored, { ...kept, registration: renewed.registration, unitPath, reportId: request.reportId, previousDecisions })) {
        this.logger.log(`registration ${renewed.action}`, { registrationId: id, senderKey: request.senderKey, unitCode: request.unitCode });
        return renewed.action;
      }
    }
    throw new Error(`registration ${id} kept changing while a JOIN of its sender was applied`);
  }

  private count(outcome: Outcome): void {
    this.outcomes.inc({ outcome });
  }
}
