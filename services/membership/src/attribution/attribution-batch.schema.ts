import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One consumer batch of attributions, open (`pending`) from before its attributions are written
 * until their events are published, then deleted. The batch, not each attribution, carries "not yet
 * published": closing it is one small write however many reports it held, and the collection holds
 * only what is still to publish.
 */
@Schema({ collection: 'attribution_batches', versionKey: false })
export class AttributionBatchDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  openedAt!: Date;

  @Prop({ type: Boolean })
  pending?: boolean;
}

export const AttributionBatchSchema = SchemaFactory.createForClass(AttributionBatchDocument);
// Serves the sweep: batches a crash or an unreachable broker left open.
AttributionBatchSchema.index({ pending: 1 });
