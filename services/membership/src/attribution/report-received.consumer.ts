import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { type ReportAttributed, ReportAttributedEvent, type ReportReceived, Topics } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { type ConsumedEvent, outboxEntry, withPendingOutbox } from '@cc/messaging';
import { duplicateIndexes } from '@cc/persistence';
import type { MembershipConfig } from '../config/membership.config';
import { MembersRepository } from '../members/store/members.repository';
import { OrganisationService } from '../organisation/organisation.service';
import { RegistrationRequests } from '../registration/registration-requests.service';
import { attribute } from './attribute';
import { AttributionOutboxRelay } from './attribution.outbox-relay';
import { AttributionDocument } from './attribution.schema';
import { UnitNameIndex } from './unit-names';

/**
 * Attributes reports a batch at a time: one read of the identities, one of the members, one
 * write of the attributions (each with its event), then the events published. A redelivered
 * report finds its attribution stored and publishes nothing new.
 */
const PUBLISH_AT_ONCE = 32;

@Controller()
export class ReportReceivedConsumer {
  private names?: { tree: unknown; index: UnitNameIndex };

  constructor(
    private readonly members: MembersRepository,
    private readonly organisation: OrganisationService,
    private readonly relay: AttributionOutboxRelay,
    @InjectModel(AttributionDocument.name) private readonly attributions: Model<AttributionDocument>,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
    private readonly registrations: RegistrationRequests,
  ) {}

  @EventPattern(Topics.ReportReceived)
  async handle(@Payload() events: Array<ConsumedEvent<ReportReceived>>): Promise<void> {
    const reports = [...new Map(events.map((event) => [event.data.reportId, event.data])).values()];
    const memberIds = await this.members.memberIdsByIdentity(reports.map((report) => report.senderKey));
    const senders = new Map((await this.members.byIds([...memberIds.values()])).map((stored) => [stored.member.id, stored]));
    for (const report of reports) if (report.declaredUnitCode) await this.organisation.treeKnowing(report.declaredUnitCode);

    const tree = this.organisation.tree;
    const context = { tree, names: this.nameIndex(), channelStates: this.config.MEMBERSHIP_CHANNEL_STATES, at: new Date() };
    const documents = reports.map((report) => {
      const memberId = memberIds.get(report.senderKey);
      const attribution = attribute(report, memberId ? senders.get(memberId) : undefined, context);
      const { sender: _sender, senderName: _senderName, ...rest } = report;
      const event: ReportAttributed = { ...rest, attribution, attributedAt: context.at.toISOString() };
      return {
        _id: report.reportId,
        ...(attribution.memberId ? { memberId: attribution.memberId } : {}),
        unitCode: attribution.unitCode,
        attributedAt: context.at,
        ...withPendingOutbox([outboxEntry(ReportAttributedEvent, event, report.reportId)]),
      };
    });
    let duplicates = new Set<number>();
    try {
      await this.attributions.insertMany(documents, { ordered: false });
    } catch (error) {
      duplicates = duplicateIndexes(error);
    }
    // New attributions go out from memory (nothing read back); redelivered reports from the store,
    // since their event may still be pending from a crash before it went out. A few at a time, as
    // each ends in a write the store serialises anyway.
    const publications = documents.map((document, index) =>
      duplicates.has(index) ? () => this.relay.publishNow(document._id) : () => this.relay.publishWritten(document._id, document.outbox),
    );
    for (let start = 0; start < publications.length; start += PUBLISH_AT_ONCE) {
      await Promise.all(publications.slice(start, start + PUBLISH_AT_ONCE).map((publish) => publish()));
    }
    await this.registrations.fromUnknownSenders(reports.filter((report) => !memberIds.has(report.senderKey)));
  }

  private nameIndex(): UnitNameIndex {
    const tree = this.organisation.tree;
    if (this.names?.tree !== tree) this.names = { tree, index: new UnitNameIndex(tree) };
    return this.names.index;
  }
}
