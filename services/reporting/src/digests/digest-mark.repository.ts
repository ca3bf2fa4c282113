import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { duplicateIndexes, findByIds } from '@cc/persistence';
import { FeedDigestMark } from './digest-mark.schema';

const SINCE = 'since';

export const digestMarkId = (state: string, day: string): string => `${state}|${day}`;

@Injectable()
export class DigestMarkRepository {
  constructor(@InjectModel(FeedDigestMark.name) private readonly model: Model<FeedDigestMark>) {}

  /** Which of these `<state>|<day>` ids are published (point reads: FeedDBs scan anything else). */
  async published(ids: readonly string[]): Promise<Set<string>> {
    const found = await findByIds(this.model, ids, { _id: 1 });
    return new Set(found.map((mark) => mark._id));
  }

  /** The first day the digests ran here (this one, the first time), the same for every replica: the first to write it wins. */
  async since(today: string): Promise<string> {
    const [stored] = await findByIds(this.model, [SINCE]);
    if (stored?.day) return stored.day;
    try {
      await this.model.collection.insertOne({ _id: SINCE, day: today, publishedAt: new Date() } as never);
      return today;
    } catch (error) {
      duplicateIndexes(error);
      const [first] = await findByIds(this.model, [SINCE]);
      return first!.day!;
    }
  }

  /** Marks published; a mark another replica wrote first is fine. */
  async mark(marks: ReadonlyArray<{ id: string; recordId: string }>): Promise<void> {
    if (marks.length === 0) return;
    const publishedAt = new Date();
    try {
      await this.model.collection.insertMany(
        marks.map(({ id, recordId }) => ({ _id: id, recordId, publishedAt })) as never[],
        { ordered: false },
      );
    } catch (error) {
      duplicateIndexes(error);
    }
  }
}
