import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@cc/persistence';
import type { StatusReport } from '../delivery/delivery-state';
import type { Notice } from '../notices/notice';
import { redeliveryDecision } from '../reliability/idempotency';
import { NotificationDocument, ProviderMessageDocument, type SendRecord } from './notification.schema';

export type NotificationRecord = NotificationDocument;

export interface NotificationDraft {
  notificationId: string;
  sourceEventId: string;
  sourceType: string;
  notice: Notice;
}

export type Claim = { claimed: true; record: NotificationRecord } | { claimed: false; record: NotificationRecord };

/** What a finished dispatch leaves on the record. */
export interface Outcome {
  state: 'accepted' | 'not-sent' | 'dead-lettered';
  language?: string;
  send?: SendRecord;
  attempts: unknown[];
  skipped: unknown[];
  code?: string;
  reason?: string;
}

const MAX_CAS_TRIES = 5;

@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectModel(NotificationDocument.name) private readonly notifications: Model<NotificationDocument>,
    @InjectModel(ProviderMessageDocument.name) private readonly providerMessages: Model<ProviderMessageDocument>,
  ) {}

  async get(notificationId: string): Promise<NotificationRecord | null> {
    return this.notifications.findById(notificationId).lean<NotificationRecord>().exec();
  }

  /**
   * Claims a notification for sending: created in flight with a lease, or taken over when the
   * worker that held it let its lease run out. Anything else (sent, given up on, another worker
   * sending) is a duplicate, and nothing is sent.
   */
  async claim(draft: NotificationDraft, now: Date, leaseMs: number): Promise<Claim> {
    const { notice } = draft;
    const record: NotificationRecord = {
      _id: draft.notificationId,
      revision: 0,
      sourceEventId: draft.sourceEventId,
      sourceType: draft.sourceType,
      templateKey: notice.templateKey,
      recipient: notice.recipient,
      facts: notice.facts,
      ...(notice.preferredChannel ? { preferredChannel: notice.preferredChannel } : {}),
      state: 'in-flight',
      leaseUntil: new Date(now.getTime() + leaseMs),
      claims: 1,
      sends: [],
      attempts: [],
      skipped: [],
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.notifications.collection.insertOne(record as never);
      return { claimed: true, record };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.get(draft.notificationId);
    if (!existing) throw new Error(`notification ${draft.notificationId} vanished while being claimed`);
    return this.takeOver(existing, now, leaseMs);
  }

  /** Claims whose lease ran out, taken over one by one (another replica may take some first). */
  async reclaimExpired(now: Date, leaseMs: number, limit: number): Promise<NotificationRecord[]> {
    const expired = await this.notifications.find({ state: 'in-flight', leaseUntil: { $lte: now } }).limit(limit).lean<NotificationRecord[]>().exec();
    const taken: NotificationRecord[] = [];
    for (const record of expired) {
      const claim = await this.takeOver(record, now, leaseMs);
      if (claim.claimed) taken.push(claim.record);
    }
    return taken;
  }

  private async takeOver(existing: NotificationRecord, now: Date, leaseMs: number): Promise<Claim> {
    const decision = redeliveryDecision({ notificationId: existing._id, progress: existing.state, leaseUntil: existing.leaseUntil }, now);
    if (decision !== 'resume') return { claimed: false, record: existing };
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const taken = await this.notifications.collection.updateOne(
      { _id: existing._id, state: 'in-flight', revision: existing.revision } as never,
      { $set: { leaseUntil, updatedAt: now }, $inc: { claims: 1, revision: 1 } },
    );
    if (taken.modifiedCount !== 1) return { claimed: false, record: existing };
    return { claimed: true, record: { ...existing, leaseUntil, claims: existing.claims + 1, revision: existing.revision + 1 } };
  }

  /** Still in flight, looked at again after `until`: a recipient the directory does not know yet. */
  async postpone(record: NotificationRecord, until: Date, code: string, reason: string, now: Date): Promise<void> {
    await this.notifications.collection.updateOne(
      { _id: record._id, state: 'in-flight' } as never,
      { $set: { leaseUntil: until, code, reason, updatedAt: now }, $inc: { revision: 1 } },
    );
  }

  /** The result of the claim's dispatch; an accepted send is registered under its provider id. */
  async finish(record: NotificationRecord, outcome: Outcome, now: Date): Promise<StatusReport[]> {
    const set: Record<string, unknown> = { state: outcome.state, updatedAt: now };
    const unset: Record<string, ''> = { leaseUntil: '' };
    for (const field of ['code', 'reason', 'language'] as const) {
      if (outcome[field] !== undefined) set[field] = outcome[field];
      else if (field !== 'language') unset[field] = '';
    }
    if (outcome.send) Object.assign(set, { channel: outcome.send.channel, provider: outcome.send.provider, providerMessageId: outcome.send.providerMessageId, delivery: outcome.send.delivery });
    await this.notifications.collection.updateOne({ _id: record._id, state: 'in-flight' } as never, {
      $set: set,
      $unset: unset,
      $push: { attempts: { $each: outcome.attempts }, skipped: { $each: outcome.skipped }, ...(outcome.send ? { sends: outcome.send } : {}) },
      $inc: { revision: 1 },
    } as never);
    if (!outcome.send) return [];
    const registered = await this.providerMessages.collection.findOneAndUpdate(
      { _id: providerKey(outcome.send.provider, outcome.send.providerMessageId) } as never,
      { $set: { notificationId: record._id }, $setOnInsert: { early: [] } },
      { upsert: true, returnDocument: 'after' },
    );
    return earlyReports(registered as ProviderMessageDocument | null);
  }

  /**
   * The notification a provider message belongs to; when the send is not recorded yet, the report
   * waits with the provider id and `finish` hands it back.
   */
  async notificationForStatus(provider: string, report: StatusReport): Promise<string | undefined> {
    const key = providerKey(provider, report.providerMessageId);
    const known = await this.providerMessages.findById(key).lean<ProviderMessageDocument>().exec();
    if (known?.notificationId) return known.notificationId;
    const waiting = await this.providerMessages.collection.findOneAndUpdate(
      { _id: key } as never,
      { $push: { early: { reported: report.reported, at: report.at, errorCodes: report.errorCodes } } } as never,
      { upsert: true, returnDocument: 'after' },
    );
    return (waiting as ProviderMessageDocument | null)?.notificationId;
  }

  /**
   * Changes a record with compare-and-set on its revision: `change` gets the current record and
   * returns the fields to set (or nothing to leave it). Retried when another write came between.
   */
  async update(notificationId: string, change: (record: NotificationRecord) => Partial<NotificationRecord> | undefined): Promise<{ before: NotificationRecord; after: NotificationRecord } | undefined> {
    for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt += 1) {
      const record = await this.get(notificationId);
      if (!record) return undefined;
      const fields = change(record);
      if (!fields) return undefined;
      const updated = await this.notifications.collection.updateOne(
        { _id: notificationId, revision: record.revision } as never,
        { $set: { ...fields, revision: record.revision + 1 } } as never,
      );
      if (updated.modifiedCount === 1) return { before: record, after: { ...record, ...fields, revision: record.revision + 1 } };
    }
    throw new Error(`notification ${notificationId} kept changing under ${MAX_CAS_TRIES} updates`);
  }
}

export function providerKey(provider: string, providerMessageId: string): string {
  return `${provider}:${providerMessageId}`;
}

function earlyReports(document: ProviderMessageDocument | null): StatusReport[] {
  if (!document) return [];
  const [provider, ...rest] = document._id.split(':');
  return (document.early ?? []).map((early) => ({
    providerMessageId: rest.join(':'),
    provider: provider as StatusReport['provider'],
    reported: early.reported as StatusReport['reported'],
    at: new Date(early.at),
    errorCodes: early.errorCodes,
  }));
}
