import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { MemberStatuses, PostKinds } from '@cc/contracts';
import { addOutbox, type OutboxEntry } from '@cc/persistence';

export interface StoredTenure {
  unitCode: string;
  post: (typeof PostKinds)[number];
  from: Date;
  to?: Date;
}

/**
 * A member as stored, with their post history and their member-changed events in the outbox.
 * `version` grows with every change: writes compare and set it, so two replicas (or an import
 * and an API call) can never both apply a change computed from the same state.
 */
@Schema({ collection: 'members', versionKey: false })
export class MemberDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  externalId?: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: [String], default: [] })
  phones!: string[];

  @Prop({ type: String })
  whatsappBsuid?: string;

  @Prop({ type: String })
  appUserId?: string;

  @Prop({ type: String, required: true })
  homeUnitCode!: string;

  @Prop({ type: String, required: true, enum: ['hi', 'en'] })
  language!: 'hi' | 'en';

  @Prop({ type: String, required: true, enum: MemberStatuses })
  status!: (typeof MemberStatuses)[number];

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  consent!: { contact: boolean; at: Date };

  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  posts!: StoredTenure[];

  @Prop({ type: [String], default: [] })
  identityKeys!: string[];

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  outbox!: OutboxEntry[];
  outboxRelayed!: number;
  outboxPending?: boolean;
}

export const MemberSchema = SchemaFactory.createForClass(MemberDocument);
addOutbox(MemberSchema);
MemberSchema.index({ externalId: 1 }, { unique: true, sparse: true });
// Serves listing a unit's members.
MemberSchema.index({ homeUnitCode: 1, _id: 1 });
// Serves a committee's office-bearers and the post checks.
MemberSchema.index({ 'posts.unitCode': 1 });

/**
 * One channel identity (a `senderKey`) and the member it belongs to: the `_id` makes an identity
 * belong to one member only, race-free across replicas, and makes attribution one point read.
 */
@Schema({ collection: 'member_identities', versionKey: false })
export class MemberIdentityDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  memberId!: string;
}

export const MemberIdentitySchema = SchemaFactory.createForClass(MemberIdentityDocument);
