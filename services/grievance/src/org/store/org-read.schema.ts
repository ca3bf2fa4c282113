import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { OrgUnit, PostTenure } from '@cc/contracts';

/**
 * A unit as the units topic last said it (latest `updatedAt` wins), so a restarted replica
 * rebuilds its read model without replaying the topic. `storedAt` lets other replicas pick up
 * what this one consumed.
 */
@Schema({ collection: 'units', versionKey: false })
export class UnitDocument {
  /** The unit code. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  unit!: OrgUnit;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  @Prop({ type: Date, required: true })
  storedAt!: Date;
}

export const UnitSchema = SchemaFactory.createForClass(UnitDocument);
UnitSchema.index({ storedAt: 1 });

/**
 * A member's post history and status, as the members topic last said it. Nothing else of the
 * member: no name, no phone (grievance does not contact anyone).
 */
@Schema({ collection: 'post_holders', versionKey: false })
export class PostHolderDocument {
  /** The member id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  status!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  posts!: PostTenure[];

  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  @Prop({ type: Date, required: true })
  storedAt!: Date;
}

export const PostHolderSchema = SchemaFactory.createForClass(PostHolderDocument);
PostHolderSchema.index({ storedAt: 1 });
