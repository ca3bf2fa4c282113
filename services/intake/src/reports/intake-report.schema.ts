import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { Channels, type ReportReceived } from '@cc/contracts';
import { addOutbox, type OutboxEntry } from '@cc/persistence';

/**
 * A report as intake accepted it — the canonical report, including the sender's identity that
 * replies will need — with its report-received event in the outbox until Kafka has it.
 */
@Schema({ collection: 'reports', versionKey: false })
export class IntakeReport {
  @Prop({ type: String, required: true })
  _id!: string;

  /** `<channel>:<providerMessageId>`: a provider's retry of the same message is the same report. */
  @Prop({ type: String, required: true })
  dedupeKey!: string;

  @Prop({ type: String, required: true, enum: Channels })
  channel!: string;

  @Prop({ type: String, required: true })
  senderKey!: string;

  @Prop({ type: Date, required: true })
  receivedAt!: Date;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  report!: ReportReceived;

  /**
   * For channels with idempotency keys (the app): a hash of the request, so that a key reused for
   * a different report is refused instead of silently answered with the first one.
   */
  @Prop({ type: String })
  fingerprint?: string;

  /**
   * The group-commit write that stored the report, until its event is marked published: the
   * writer then marks the whole write with one equality update on this field (see ReportWriter).
   */
  @Prop({ type: String })
  outboxBatch?: string;

  outbox!: OutboxEntry[];
  outboxRelayed!: number;
  outboxPending?: boolean;
}

export const IntakeReportSchema = SchemaFactory.createForClass(IntakeReport);
addOutbox(IntakeReportSchema);

// Serves the writer's mark of a whole write, `updateMany({outboxBatch})`: an equality, which the
// local FerretDB answers from the index, unlike `_id: {$in}` (a full scan there).
IntakeReportSchema.index({ outboxBatch: 1 }, { sparse: true });

// Serves deduplication of provider retries, and makes it race-free across replicas and restarts.
IntakeReportSchema.index({ dedupeKey: 1 }, { unique: true });
