import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { AttemptRecord } from '../delivery/dispatcher';
import type { DeliveryState } from '../delivery/delivery-state';
import type { NoticeFacts, RecipientRef } from '../notices/notice';

export type NotificationState = 'in-flight' | 'accepted' | 'not-sent' | 'dead-lettered';

/** One message handed to a provider, and what its callbacks said since. */
export interface SendRecord {
  channel: string;
  provider: string;
  providerMessageId: string;
  at: Date;
  delivery: DeliveryState;
  history: Array<{ state: DeliveryState; at: Date; errorCodes?: number[]; ignored?: string }>;
}

export interface SkipRecord {
  channel: string;
  code: string;
  reason: string;
}

/**
 * One notification under its id (`notificationIdOf`: event, recipient, template), so a redelivered
 * event finds it. `in-flight` is a claim with a lease: the worker that holds it sends; after the
 * lease another worker may resume. No address and no text: the recipient by member id or sender
 * pseudonym, the facts the text is written from.
 */
@Schema({ collection: 'notifications', versionKey: false })
export class NotificationDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Bumped by every write after the claim: compare-and-set for status callbacks and fallbacks. */
  @Prop({ type: Number, required: true })
  revision!: number;

  @Prop({ type: String, required: true })
  sourceEventId!: string;

  @Prop({ type: String, required: true })
  sourceType!: string;

  @Prop({ type: String, required: true })
  templateKey!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  recipient!: RecipientRef;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  facts!: NoticeFacts;

  @Prop({ type: String })
  preferredChannel?: string;

  @Prop({ type: String, required: true })
  state!: NotificationState;

  @Prop({ type: Date })
  leaseUntil?: Date;

  @Prop({ type: Number, required: true })
  claims!: number;

  /** The current send's channel, provider, id and delivery state (the last of `sends`). */
  @Prop({ type: String })
  channel?: string;

  @Prop({ type: String })
  provider?: string;

  @Prop({ type: String })
  providerMessageId?: string;

  @Prop({ type: String })
  delivery?: DeliveryState;

  @Prop({ type: String })
  language?: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  sends!: SendRecord[];

  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  attempts!: AttemptRecord[];

  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  skipped!: SkipRecord[];

  /** Why it was not sent, was given up on, or is waiting (a recipient the directory does not know yet). */
  @Prop({ type: String })
  code?: string;

  @Prop({ type: String })
  reason?: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const NotificationSchema = SchemaFactory.createForClass(NotificationDocument);
// The sweep: claims whose lease ran out (a crashed worker's, a recipient not yet known).
NotificationSchema.index({ state: 1, leaseUntil: 1 });

/**
 * Which notification a provider message id belongs to: delivery callbacks name only the provider's
 * id. A callback that arrives before the send was recorded waits here (`early`) and is applied
 * when it is. Keyed `<provider>:<id>`, so every lookup is by `_id`.
 */
@Schema({ collection: 'provider_messages', versionKey: false })
export class ProviderMessageDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  notificationId?: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: [] })
  early!: Array<{ reported: string; at: Date; errorCodes: number[] }>;
}

export const ProviderMessageSchema = SchemaFactory.createForClass(ProviderMessageDocument);
