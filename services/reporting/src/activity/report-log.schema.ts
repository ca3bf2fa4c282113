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

  /** The declared unit, or `unknown`: what activity is counted against. */
  @Prop({ type: String, required: true })
  unitCode!: string;

  /** Calendar day in India (YYYY-MM-DD) of `receivedAt`. */
  @Prop({ type: String, required: true })
  day!: string;

  @Prop({ type: String, required: true })
  eventId!: string;

  /** `<topic>/<partition>/<offset>` of the record that first delivered this report. */
  @Prop({ type: String, required: true })
  sourceRecord!: string;
}

export type ReportLogDocument = HydratedDocument<ReportLog>;
export const ReportLogSchema = SchemaFactory.createForClass(ReportLog);

// Serves the per-unit, per-day recount behind unit_activity (and "reports of this unit that day").
ReportLogSchema.index({ unitCode: 1, day: 1, channel: 1 });
