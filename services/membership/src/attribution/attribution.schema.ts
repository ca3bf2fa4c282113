import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { addOutbox, type OutboxEntry } from '@cc/persistence';

/**
 * One attributed report, kept so that a redelivered report-received is recognised (same `_id`)
 * and its report-attributed event, in the outbox, is published once however often it arrives.
 */
@Schema({ collection: 'attributions', versionKey: false })
export class AttributionDocument {
  /** The report id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  memberId?: string;

  @Prop({ type: String, required: true })
  unitCode!: string;

  @Prop({ type: Date, required: true })
  attributedAt!: Date;

  /** The consumer batch that wrote it (AttributionBatches): whether its event is out is the batch's to say. */
  @Prop({ type: String })
  batch?: string;

  outbox!: OutboxEntry[];
  outboxRelayed!: number;
  outboxPending?: boolean;
}

export const AttributionSchema = SchemaFactory.createForClass(AttributionDocument);
addOutbox(AttributionSchema);
// Serves publishing again the attributions of a batch left open (an equality, which FerretDB
// pushes down to this index).
AttributionSchema.index({ batch: 1 });
