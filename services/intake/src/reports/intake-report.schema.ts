import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Channels } from '@cc/contracts';
import { addOutbox, type OutboxEntry } from '@cc/persistence';

/** A report as intake accepted it, with the report-received event in its outbox until published. */
@Schema({ collection: 'reports', versionKey: false })
export class IntakeReport {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: Channels })
  channel!: string;

  @Prop({ type: String, required: true })
  providerMessageId!: string;

  /** `<channel>:<providerMessageId>`: a provider's retry of the same message is the same report. */
  @Prop({ type: String, required: true })
  dedupeKey!: string;

  @Prop({ type: String, required: true })
  senderKey!: string;

  @Prop({ type: String, required: true })
  text!: string;

  @Prop({ type: Date, required: true })
  receivedAt!: Date;

  @Prop({ type: String })
  declaredUnitCode?: string;

  outbox!: OutboxEntry[];
  outboxRelayed!: number;
  outboxPending?: boolean;
}

export const IntakeReportSchema = SchemaFactory.createForClass(IntakeReport);
addOutbox(IntakeReportSchema);

// Serves deduplication of provider retries, and makes it race-free across replicas.
IntakeReportSchema.index({ dedupeKey: 1 }, { unique: true });
