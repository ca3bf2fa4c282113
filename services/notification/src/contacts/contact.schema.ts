import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** One person who wrote in, under their sender pseudonym (see `Contact`). Read and written by `_id` only. */
@Schema({ collection: 'contacts', versionKey: false })
export class ContactDocument {
  /** The sender pseudonym (`senderKey`). */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  language?: string;

  @Prop({ type: String })
  whatsappPhone?: string;

  @Prop({ type: String })
  whatsappBsuid?: string;

  @Prop({ type: String })
  phone?: string;

  @Prop({ type: String })
  appUserId?: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  lastInboundAt!: Record<string, Date>;

  @Prop({ type: String })
  lastChannel?: string;

  @Prop({ type: [String], default: [] })
  optedOut!: string[];

  @Prop({ type: Date })
  optOutChangedAt?: Date;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const ContactSchema = SchemaFactory.createForClass(ContactDocument);
