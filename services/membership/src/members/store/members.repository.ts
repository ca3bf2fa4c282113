import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { type Member as MemberSnapshot, MemberEvent } from '@cc/contracts';
import { outboxEntry } from '@cc/messaging';
import { duplicateIndexes, findByIds } from '@cc/persistence';
import type { OrgTree } from '../../organisation/org-tree';
import type { Member } from '../member';
import { identityKeysOf } from '../member-identity';
import type { MemberKey } from '../member-import/member-upsert';
import { MemberDocument, MemberIdentityDocument, type StoredTenure } from './member.schema';

/**
 * A member id follows from the natural key the member was first created by, so that an import
 * retried after a crash recreates the same member instead of a second one. It is a pseudonym for
 * internal topics, not a secret: feeds pseudonymise it again before it leaves the organisation.
 */
export function memberIdFor(key: MemberKey): string {
  const natural = key.kind === 'external-id' ? `external-id:${key.id}` : `phone:${key.e164}`;
  return `mbr_${createHash('sha256').update(natural).digest('base64url').slice(0, 22)}`;
}

/** Point reads in flight at once for one caller, well under the store pool (MONGODB_MAX_POOL_SIZE). */
const READS_AT_ONCE = 16;

/** What a write changed: members whose record it wrote, sender keys it claimed or released. */
export interface MemberChange {
  memberIds?: readonly string[];
  keys?: readonly string[];
}

export interface StoredMember {
  member: Member;
  posts: StoredTenure[];
  version: number;
}

@Injectable()
export class MembersRepository {
  constructor(
    @InjectModel(MemberDocument.name) private readonly members: Model<MemberDocument>,
    @InjectModel(MemberIdentityDocument.name) private readonly identities: Model<MemberIdentityDocument>,
  ) {}

  private readonly listeners = new Set<(change: MemberChange) => void>();

  /**
   * Called after every member write and identity claim or release by this process, failed or not
   * (a write that timed out may still have landed): what caches of members must forget.
   */
  onChange(listener: (change: MemberChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: MemberChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Which member each of these sender keys belongs to (keys of nobody are absent). */
  async memberIdsByIdentity(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const found = await findByIds(this.identities, keys);
    return new Map(found.map((identity) => [identity._id, identity.memberId]));
  }

  /**
   * The member behind each of these sender keys (keys of nobody are absent; null: the key is
   * claimed but its member not stored, an approval cut short by a crash): per key a point read
   * of its identity and, as soon as it answers, of its member (each member read once), with
   * READS_AT_ONCE keys in flight, so that identity and member reads overlap instead of the second
   * round waiting for the whole first.
   */
  async membersByIdentity(keys: readonly string[]): Promise<Map<string, StoredMember | null>> {
    const unique = [...new Set(keys)];
    const members = new Map<string, Promise<MemberDocument | null>>();
    const found = new Map<string, StoredMember | null>();
    let next = 0;
    const worker = async () => {
      while (next < unique.length) {
        const key = unique[next++]!;
        const identity = await this.identities.findOne({ _id: key }).lean<MemberIdentityDocument>().exec();
        if (!identity) continue;
        let member = members.get(identity.memberId);
        if (!member) members.set(identity.memberId, (member = this.members.findOne({ _id: identity.memberId }, { outbox: 0 }).lean<MemberDocument>().exec()));
        const document = await member;
        found.set(key, document ? fromDocument(document) : null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, unique.length) }, worker));
    return found;
  }

  async byIds(ids: readonly string[]): Promise<StoredMember[]> {
    if (ids.length === 0) return [];
    const found = await findByIds(this.members, ids, { outbox: 0 });
    return found.map(fromDocument);
  }

  /**
   * One equality read per external id, a few at a time: the unique index on `externalId` serves
   * an equality on any store, while FerretDB answers `externalId: {$in}` by reading every member.
   */
  async byExternalIds(ids: readonly string[]): Promise<StoredMember[]> {
    const unique = [...new Set(ids)];
    const found: StoredMember[] = [];
    for (let start = 0; start < unique.length; start += READS_AT_ONCE) {
      const page = await Promise.all(
        unique.slice(start, start + READS_AT_ONCE).map((externalId) => this.members.findOne({ externalId }, { outbox: 0 }).lean<MemberDocument>().exec()),
      );
      for (const document of page) if (document) found.push(fromDocument(document));
    }
    return found;
  }

  /** Members whose home unit is one of `unitCodes`, in id order, a page at a time. */
  async inUnits(unitCodes: readonly string[], options: { status?: string; after?: string; limit: number }): Promise<StoredMember[]> {
    const filter: Record<string, unknown> = { homeUnitCode: { $in: [...unitCodes] } };
    if (options.status) filter.status = options.status;
    if (options.after) filter._id = { $gt: options.after };
    const found = await this.members.find(filter, { outbox: 0 }).sort({ _id: 1 }).limit(options.limit).lean<MemberDocument[]>().exec();
    return found.map(fromDocument);
  }

  /** Frees identities a member no longer has (a phone removed), so another member may take them. */
  async releaseIdentities(memberId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    // One delete per key: an `_id` equality is an index lookup on any store, `$in` a scan on FerretDB.
    try {
      await Promise.all([...new Set(keys)].map((key) => this.identities.deleteOne({ _id: key, memberId }).exec()));
    } finally {
      this.changed({ keys });
    }
  }

  /** Inserts new members; one already there (a retried import) is skipped. Resolves to the ids inserted. */
  async insert(created: ReadonlyArray<Omit<StoredMember, 'version'>>, tree: OrgTree): Promise<string[]> {
    if (created.length === 0) return [];
    const documents = created.map(({ member, posts }) => ({
      ...toDocument(member, posts, 1),
      outbox: [outboxEntry(MemberEvent, snapshotOf(member, posts, tree))],
      outboxRelayed: 0,
      outboxPending: true,
    }));
    try {
      await this.members.insertMany(documents, { ordered: false });
      return documents.map((document) => document._id);
    } catch (error) {
      const skipped = duplicateIndexes(error);
      return documents.filter((_, index) => !skipped.has(index)).map((document) => document._id);
    } finally {
      // Its keys too: a key claimed just before, read meanwhile as "claimed, no member yet".
      this.changed({ memberIds: documents.map((document) => document._id), keys: documents.flatMap((document) => document.identityKeys) });
    }
  }

  /** Compare-and-set on `version`: false when someone changed the member since it was read. */
  async update(stored: StoredMember, member: Member, posts: StoredTenure[], tree: OrgTree): Promise<boolean> {
    const { _id, ...state } = toDocument(member, posts, stored.version + 1);
    try {
      const result = await this.members
        .updateOne(
          { _id, version: stored.version },
          { $set: { ...state, outboxPending: true }, $push: { outbox: outboxEntry(MemberEvent, snapshotOf(member, posts, tree)) } },
        )
        .exec();
      return result.matchedCount === 1;
    } finally {
      this.changed({ memberIds: [_id] });
    }
  }

  /**
   * Gives these sender keys to a member. A key already theirs is fine; a key another member holds
   * (a race with another import) is returned, for the caller to report.
   */
  async claimIdentities(memberId: string, keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    try {
      await this.identities.insertMany(keys.map((key) => ({ _id: key, memberId })), { ordered: false });
      return [];
    } catch (error) {
      const taken = [...duplicateIndexes(error)].map((index) => keys[index]!);
      const holders = await this.memberIdsByIdentity(taken);
      return taken.filter((key) => holders.get(key) !== memberId);
    } finally {
      this.changed({ keys, memberIds: [memberId] });
    }
  }
}

function toDocument(member: Member, posts: StoredTenure[], version: number) {
  return {
    _id: member.id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    name: member.name,
    phones: member.phones,
    ...(member.whatsappBsuid ? { whatsappBsuid: member.whatsappBsuid } : {}),
    ...(member.appUserId ? { appUserId: member.appUserId } : {}),
    homeUnitCode: member.homeUnitCode,
    language: member.language,
    status: member.status,
    consent: member.consent,
    posts,
    identityKeys: identityKeysOf(member),
    version,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
  };
}

function fromDocument(document: MemberDocument): StoredMember {
  return {
    member: {
      id: document._id,
      ...(document.externalId ? { externalId: document.externalId } : {}),
      name: document.name,
      phones: document.phones,
      ...(document.whatsappBsuid ? { whatsappBsuid: document.whatsappBsuid } : {}),
      ...(document.appUserId ? { appUserId: document.appUserId } : {}),
      homeUnitCode: document.homeUnitCode,
      language: document.language,
      status: document.status,
      consent: { contact: document.consent.contact, at: new Date(document.consent.at) },
      createdAt: new Date(document.createdAt),
      updatedAt: new Date(document.updatedAt),
    },
    posts: (document.posts ?? []).map((tenure) => ({ ...tenure, from: new Date(tenure.from), ...(tenure.to ? { to: new Date(tenure.to) } : {}) })),
    version: document.version,
  };
}

/** The member-changed event: the member's whole current state, for the compacted topic. */
export function snapshotOf(member: Member, posts: readonly StoredTenure[], tree: OrgTree): MemberSnapshot {
  return {
    memberId: member.id,
    name: member.name,
    status: member.status,
    homeUnitCode: member.homeUnitCode,
    unitPath: tree.pathOf(member.homeUnitCode) ?? [member.homeUnitCode],
    language: member.language,
    phones: member.phones,
    ...(member.whatsappBsuid ? { whatsappBsuid: member.whatsappBsuid } : {}),
    ...(member.appUserId ? { appUserId: member.appUserId } : {}),
    identityKeys: identityKeysOf(member),
    consentToContact: member.consent.contact,
    posts: posts.map((tenure) => ({
      unitCode: tenure.unitCode,
      post: tenure.post,
      from: tenure.from.toISOString(),
      ...(tenure.to ? { to: tenure.to.toISOString() } : {}),
    })),
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
}
