import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { SenderIdentity } from '@cc/contracts';
import type { RegistrationDecisionRecord, RegistrationStatus } from '../pending-registration';

/**
 * One sender's registration: `_id` follows from their `senderKey`, so a sender has one whatever
 * how often they write JOIN, and a redelivered message finds it. Personal data: `sender` holds the
 * phone number the member will be created with; it never leaves this collection unmasked.
 * `version` grows with every change and every write compares and sets it.
 */
@Schema({ collection: 'registrations', versionKey: false })
export class RegistrationDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  senderKey!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  sender!: SenderIdentity;

  @Prop({ type: String })
  name?: string;

  @Prop({ type: String, required: true })
  unitCode!: string;

  /** National down to the unit: a caller's subtree is every registration whose path holds their unit. */
  @Prop({ type: [String], required: true })
  unitPath!: string[];

  @Prop({ type: String, required: true, enum: ['hi', 'en'] })
  language!: 'hi' | 'en';

  @Prop({ type: Date, required: true })
  requestedAt!: Date;

  /** The report whose JOIN the current request is. */
  @Prop({ type: String, required: true })
  reportId!: string;

  @Prop({ type: String, required: true, enum: ['pending', 'approved', 'rejected'] })
  status!: RegistrationStatus;

  @Prop({ type: MongooseSchema.Types.Mixed })
  decision?: RegistrationDecisionRecord;

  /** Decisions of earlier rounds: a rejected sender may ask again. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  previousDecisions!: RegistrationDecisionRecord[];

  /** The member an approval created. */
  @Prop({ type: String })
  memberId?: string;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const RegistrationSchema = SchemaFactory.createForClass(RegistrationDocument);
// Serves the listing: registrations of a status within a caller's subtree, oldest request first.
RegistrationSchema.index({ unitPath: 1, status: 1, requestedAt: 1 });
