import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Member, OrgUnit } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import type { GrievanceConfig } from '../../config/grievance.config';
import { OrgReadModel } from '../org-view';
import { PostHoldersReadModel, type PostHolderRecord } from '../post-holders';
import { storeLatest } from '@cc/persistence';
import { PostHolderDocument, UnitDocument } from './org-read.schema';

/** Records stored this long before the last refresh are read again: clocks of replicas differ a little. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * Grievance's copy of the organisation and its post holders: stored in its own database (so a
 * restart needs no replay) and folded into memory, where every decision reads it. The consumer
 * applies what it receives at once; the periodic refresh picks up what other replicas consumed
 * from their partitions. Applying a record twice changes nothing.
 */
@Injectable()
export class OrgReadModels implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(OrgReadModels.name);
  readonly org = new OrgReadModel();
  readonly posts = new PostHoldersReadModel();
  private lastRefresh = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectModel(UnitDocument.name) private readonly units: Model<UnitDocument>,
    @InjectModel(PostHolderDocument.name) private readonly holders: Model<PostHolderDocument>,
    @Inject(SERVICE_CONFIG) private readonly config: GrievanceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn(`read model refresh failed: ${(error as Error).message}`));
    }, this.config.GRIEVANCE_READ_MODEL_REFRESH_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Stores the units (latest `updatedAt` per code wins) and applies them; inconsistent ones are logged and skipped. */
  async receiveUnits(units: readonly OrgUnit[]): Promise<void> {
    const storedAt = new Date();
    const consistent = units.filter((unit) => {
      const applied = OrgReadModel.of([]).apply(unit);
      if (!applied.ok) this.logger.warn(`unit ${unit.code} ignored: ${applied.reason}`);
      return applied.ok;
    });
    await storeLatest(
      this.units,
      consistent.map((unit) => ({ _id: unit.code, unit, updatedAt: new Date(unit.updatedAt), storedAt })),
    );
    for (const unit of consistent) this.org.apply(unit);
  }

  /** Stores each member's status and post history (latest wins) and applies them; nothing else of the member is kept. */
  async receiveMembers(members: readonly Member[]): Promise<void> {
    const storedAt = new Date();
    const records = members.map((member): PostHolderRecord => ({ memberId: member.memberId, status: member.status, posts: member.posts, updatedAt: member.updatedAt }));
    await storeLatest(
      this.holders,
      records.map((record) => ({ _id: record.memberId, status: record.status, posts: record.posts, updatedAt: new Date(record.updatedAt), storedAt })),
    );
    for (const record of records) this.posts.apply(record);
  }

  /** Reads what was stored since the last refresh (by any replica) into memory. */
  async refresh(): Promise<void> {
    const started = Date.now();
    const since = new Date(this.lastRefresh === 0 ? 0 : this.lastRefresh - CLOCK_MARGIN_MS);
    const units = await this.units.find({ storedAt: { $gte: since } }).lean<UnitDocument[]>().exec();
    for (const { unit } of units) {
      const applied = this.org.apply(unit);
      if (!applied.ok) this.logger.warn(applied.reason);
    }
    const holders = await this.holders.find({ storedAt: { $gte: since } }).lean<PostHolderDocument[]>().exec();
    for (const holder of holders) {
      this.posts.apply({
        memberId: holder._id,
        status: holder.status as PostHolderRecord['status'],
        posts: holder.posts,
        updatedAt: new Date(holder.updatedAt).toISOString(),
      });
    }
    this.lastRefresh = started;
  }
}
