import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { type ReportAttributed, ReportAttributedEvent, type ReportReceived, Topics } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { type ConsumedEvent, outboxEntry } from '@cc/messaging';
import { duplicateIndexes } from '@cc/persistence';
import type { MembershipConfig } from '../config/membership.config';
import { MembersRepository } from '../members/store/members.repository';
import { OrganisationService } from '../organisation/organisation.service';
import { RegistrationRequests } from '../registration/registration-requests.service';
import { attribute } from './attribute';
import { AttributionBatches } from './attribution-batches';
import { type SenderAnswer, SenderCache } from './sender-cache';
import { AttributionOutboxRelay } from './attribution.outbox-relay';
import { AttributionDocument } from './attribution.schema';
import { UnitNameIndex } from './unit-names';

/**
 * Attributes reports a batch at a time: the senders from the sender cache or by point reads
 * (identity, then member, pipelined); the batch opened (AttributionBatches), one write of the
 * attributions (each with its event), the new events published from memory together, the batch
 * closed. A redelivered report finds its attribution stored and publishes nothing new.
 */
const PUBLISH_AT_ONCE = 16;

@Controller()
export class ReportReceivedConsumer {
  private names?: { tree: unknown; index: UnitNameIndex };
  private readonly senderCache: SenderCache;

  constructor(
    private readonly members: MembersRepository,
    private readonly organisation: OrganisationService,
    private readonly relay: AttributionOutboxRelay,
    @InjectModel(AttributionDocument.name) private readonly attributions: Model<AttributionDocument>,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
    private readonly registrations: RegistrationRequests,
    private readonly batches: AttributionBatches,
  ) {
    this.senderCache = new SenderCache({ ttlMs: config.MEMBERSHIP_SENDER_CACHE_TTL_MS, maxEntries: config.MEMBERSHIP_SENDER_CACHE_MAX_ENTRIES });
    members.onChange((change) => this.senderCache.forget(change));
  }

  @EventPattern(Topics.ReportReceived)
  async handle(@Payload() events: Array<ConsumedEvent<ReportReceived>>): Promise<void> {
    const reports = [...new Map(events.map((event) => [event.data.reportId, event.data])).values()];
    const senders = await this.sendersOf(reports.map((report) => report.senderKey));
    for (const report of reports) if (report.declaredUnitCode) await this.organisation.treeKnowing(report.declaredUnitCode);

    const tree = this.organisation.tree;
    const context = { tree, names: this.nameIndex(), channelStates: this.config.MEMBERSHIP_CHANNEL_STATES, at: new Date() };
    const batch = randomUUID();
    const documents = reports.map((report) => {
      const attribution = attribute(report, senders.get(report.senderKey) ?? undefined, context);
      const { sender: _sender, senderName: _senderName, ...rest } = report;
      const event: ReportAttributed = { ...rest, attribution, attributedAt: context.at.toISOString() };
      return {
        _id: report.reportId,
        ...(attribution.memberId ? { memberId: attribution.memberId } : {}),
        unitCode: attribution.unitCode,
        attributedAt: context.at,
        batch,
        // Published (or not yet) as part of its batch: nothing for the per-document relay's sweep.
        outbox: [outboxEntry(ReportAttributedEvent, event, report.reportId)],
        outboxRelayed: 0,
      };
    });
    await this.batches.open(batch);
    try {
      let duplicates = new Set<number>();
      try {
        // The driver's insert, not the model's: the documents are built here to the schema's shape and
        // their events were parsed by outboxEntry; casting and validating them again cost the
        // consumer more CPU than the rest of the batch.
        await this.attributions.collection.insertMany(documents as never[], { ordered: false, ignoreUndefined: true });
      } catch (error) {
        duplicates = duplicateIndexes(error);
      }
      // New attributions go out from memory (nothing read back). A duplicate is a redelivered report:
      // whatever of its batch is still unpublished goes out again; a closed batch publishes nothing.
      const fresh = documents.filter((_, index) => !duplicates.has(index));
      const redelivered = documents.filter((_, index) => duplicates.has(index)).map((document) => document._id);
      await Promise.all([this.batches.publishAndClose(batch, fresh.flatMap((document) => document.outbox)), this.publishRedelivered(redelivered)]);
    } finally {
      this.batches.release(batch);
    }
    await this.registrations.fromUnknownSenders(reports.filter((report) => senders.get(report.senderKey) === undefined));
  }

  /** Attributions stored before batches existed are relayed one by one, as they were written. */
  private async publishRedelivered(reportIds: string[]): Promise<void> {
    const unbatched = await this.batches.publishRedelivered(reportIds);
    for (let start = 0; start < unbatched.length; start += PUBLISH_AT_ONCE) {
      await Promise.all(unbatched.slice(start, start + PUBLISH_AT_ONCE).map((id) => this.relay.publishNow(id)));
    }
  }

  /** Every key's answer: from the cache while fresh, else read (and then kept). */
  private async sendersOf(keys: readonly string[]): Promise<Map<string, SenderAnswer>> {
    const { found, missing } = this.senderCache.lookup(keys);
    if (missing.length === 0) return found;
    const since = this.senderCache.begin();
    const read = await this.members.membersByIdentity(missing);
    const answers = new Map(missing.map((key) => [key, read.get(key)] as const));
    this.senderCache.remember(since, answers);
    for (const [key, answer] of answers) found.set(key, answer);
    return found;
  }

  private nameIndex(): UnitNameIndex {
    const tree = this.organisation.tree;
    if (this.names?.tree !== tree) this.names = { tree, index: new UnitNameIndex(tree) };
    return this.names.index;
  }
}
