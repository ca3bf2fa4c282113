import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A digest the broker has acknowledged: `_id` is `<state>|<day>`, with its `recordId`. Written after
 * the publication, so a crash in between publishes it again (same record id). One more document,
 * `_id: 'since'`, holds the first day the digests ran (`day`): none is published for a day before
 * it. Read by id only.
 */
@Schema({ collection: 'feed_digest_marks', versionKey: false })
export class FeedDigestMark {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  recordId?: string;

  @Prop({ type: String })
  day?: string;

  @Prop({ type: Date, required: true })
  publishedAt!: Date;
}
export const FeedDigestMarkSchema = SchemaFactory.createForClass(FeedDigestMark);
