import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A short lease on one unit's committee while a post is assigned there. Members' records hold the
 * posts, one document each, so nothing else stops two replicas from naming two presidents at once:
 * the rule is checked and the post written under the lease. The `_id` (the unit code) makes taking
 * it one insert; an expired lease (a crashed holder) is taken over.
 */
@Schema({ collection: 'committee_locks', versionKey: false })
export class CommitteeLockDocument {
  /** The unit code. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  holder!: string;

  @Prop({ type: Date, required: true })
  until!: Date;
}

export const CommitteeLockSchema = SchemaFactory.createForClass(CommitteeLockDocument);
