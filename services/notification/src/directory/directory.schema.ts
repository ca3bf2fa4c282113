import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { CurrentPost } from '../notices/case-notices';

/**
 * An office-bearer or member as the members topic last said it (latest `updatedAt` wins): how to
 * reach them and the posts they hold now. Not their name. Read by `_id` only.
 */
@Schema({ collection: 'member_directory', versionKey: false })
export class DirectoryMemberDocument {
  /** The member id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  status!: string;

  @Prop({ type: String, required: true })
  language!: 'hi' | 'en';

  @Prop({ type: [String], default: [] })
  phones!: string[];

  @Prop({ type: String })
  whatsappBsuid?: string;

  @Prop({ type: String })
  appUserId?: string;

  /** Their sender pseudonyms: a STOP or a WhatsApp message from any of them counts for the member. */
  @Prop({ type: [String], default: [] })
  identityKeys!: string[];

  @Prop({ type: Boolean, required: true })
  consentToContact!: boolean;

  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  currentPosts!: CurrentPost[];

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const DirectoryMemberSchema = SchemaFactory.createForClass(DirectoryMemberDocument);

/** A unit's names, for the words of a notice (`रांची के शिकायत संयोजक`). Read by `_id` only. */
@Schema({ collection: 'units', versionKey: false })
export class UnitNameDocument {
  /** The unit code. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  nameEn!: string;

  @Prop({ type: String })
  nameHi?: string;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const UnitNameSchema = SchemaFactory.createForClass(UnitNameDocument);
