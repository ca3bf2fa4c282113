import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { MemberDocument } from '../../members/store/member.schema';
import type { PostHolder } from '../post-records';

export interface NamedPostHolder extends PostHolder {
  name: string;
}

/**
 * Posts as the members' records hold them, read by unit. Writes go through MembersRepository
 * (compare-and-set on the member's version, the member-changed event in the same write).
 */
@Injectable()
export class CommitteePostsRepository {
  constructor(@InjectModel(MemberDocument.name) private readonly members: Model<MemberDocument>) {}

  /** Every member who holds or held a post of the unit's committee, with all of their posts. */
  async holdersAt(unitCode: string): Promise<NamedPostHolder[]> {
    const found = await this.members
      .find({ 'posts.unitCode': unitCode }, { _id: 1, name: 1, posts: 1 })
      .lean<Array<Pick<MemberDocument, '_id' | 'name' | 'posts'>>>()
      .exec();
    return found.map((member) => ({
      memberId: member._id,
      name: member.name,
      posts: (member.posts ?? []).map((record) => ({ ...record, from: new Date(record.from), ...(record.to ? { to: new Date(record.to) } : {}) })),
    }));
  }
}
