import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { Channels } from '@cc/contracts';

/** One row per report received, keyed by report id so that a redelivered event is a no-op. */
@Schema({ collection: 'report_log', versionKey: false, timestamps: { createdAt: 'recordedAt', updatedAt: false } })
export class ReportLog {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: Channels })
  channel!: string;

  @Prop({ type: String, required: true })
  senderKey!: string;

  @Prop({ type: Date, required: true })
  receivedAt!: Date;

  @Prop({ type: String })
  declaredUnitCode?: string;

  @Prop({ type: String, required: true })
  eventId!: string;
}

export type ReportLogDocument = HydratedDocument<ReportLog>;
export const ReportLogSchema = SchemaFactory.createForClass(ReportLog);

// Serves "activity by unit over time" (silent areas, per-block counts).
ReportLogSchema.index({ declaredUnitCode: 1, receivedAt: -1 });
