import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Member, OrgUnit } from '@cc/contracts';
import type { CurrentPost } from '../notices/case-notices';
import type { UnitName } from '../notices/notice-values';
import { DirectoryMemberDocument, UnitNameDocument } from './directory.schema';
import { storeLatest } from '@cc/persistence';

export type DirectoryMember = Omit<DirectoryMemberDocument, '_id'> & { memberId: string };

/** Membership's compacted topics as notification needs them: who can be reached how, and unit names. */
@Injectable()
export class DirectoryRepository {
  constructor(
    @InjectModel(DirectoryMemberDocument.name) private readonly memberModel: Model<DirectoryMemberDocument>,
    @InjectModel(UnitNameDocument.name) private readonly unitModel: Model<UnitNameDocument>,
  ) {}

  async receiveMembers(members: readonly Member[]): Promise<number> {
    const written = await storeLatest(
      this.memberModel,
      members.map((member) => ({
        _id: member.memberId,
        status: member.status,
        language: member.language,
        phones: member.phones,
        ...(member.whatsappBsuid ? { whatsappBsuid: member.whatsappBsuid } : {}),
        ...(member.appUserId ? { appUserId: member.appUserId } : {}),
        identityKeys: member.identityKeys,
        consentToContact: member.consentToContact,
        currentPosts: member.posts.filter((post) => post.to === undefined).map(({ unitCode, post }): CurrentPost => ({ unitCode, post })),
        updatedAt: new Date(member.updatedAt),
      })),
    );
    return written.length;
  }

  async receiveUnits(units: readonly OrgUnit[]): Promise<number> {
    const written = await storeLatest(
      this.unitModel,
      units.map((unit) => ({ _id: unit.code, nameEn: unit.nameEn, ...(unit.nameHi ? { nameHi: unit.nameHi } : {}), updatedAt: new Date(unit.updatedAt) })),
    );
    return written.length;
  }

  async members(memberIds: readonly string[]): Promise<Map<string, DirectoryMember>> {
    if (memberIds.length === 0) return new Map();
    const found = await this.memberModel.find({ _id: { $in: [...new Set(memberIds)] } }).lean<DirectoryMemberDocument[]>().exec();
    return new Map(found.map(({ _id, ...rest }) => [_id, { ...rest, memberId: _id }]));
  }

  async unitNames(codes: readonly string[]): Promise<Map<string, UnitName>> {
    if (codes.length === 0) return new Map();
    const found = await this.unitModel.find({ _id: { $in: [...new Set(codes)] } }).lean<UnitNameDocument[]>().exec();
    return new Map(found.map(({ _id, nameEn, nameHi }) => [_id, { nameEn, ...(nameHi ? { nameHi } : {}) }]));
  }
}
