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

  /** Which member each of these sender keys belongs to (keys of nobody are absent). */
  async memberIdsByIdentity(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const found = await findByIds(this.identities, keys);
    return new Map(found.map((identity) => [identity._id, identity.memberId]));
  }

  async byIds(ids: readonly string[]): Promise<StoredMember[]> {
    if (ids.length === 0) return [];
    const found = await findByIds(this.members, ids, { outbox: 0 });
    return found.map(fromDocument);
  }

  async byExternalIds(ids: readonly string[]): Promise<StoredMember[]> {
    if (ids.length === 0) return [];
    const found = await this.members.find({ externalId: { $in: [...new Set(ids)] } }, { outbox: 0 }).lean<MemberDocument[]>().exec();
    return found.map(fromDocument);
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
    await this.identities.deleteMany({ _id: { $in: [...keys] }, memberId }).exec();
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
    }
  }

  /** Compare-and-set on `version`: false when someone changed the member since it was read. */
  async update(stored: StoredMember, member: Member, posts: StoredTenure[], tree: OrgTree): Promise<boolean> {
    const { _id, ...state } = toDocument(member, posts, stored.version + 1);
    const result = await this.members
      .updateOne(
        { _id, version: stored.version },
        { $set: { ...state, outboxPending: true }, $push: { outbox: outboxEntry(MemberEvent, snapshotOf(member, posts, tree)) } },
      )
      .exec();
    return result.matchedCount === 1;
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
