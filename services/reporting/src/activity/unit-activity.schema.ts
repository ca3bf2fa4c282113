import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Channels } from '@cc/contracts';

/**
 * Reports per unit, day (India Standard Time) and source partition, pre-aggregated so that "where
 * is the organisation active, where is it silent" is a read of a few documents, not a scan. A
 * unit's day is the sum over partitions.
 *
 * One document per partition gives every document a single writer — the one consumer that owns
 * the partition — so increments never race (and a busy unit is not one hot document), and the
 * partition's offset is a sound idempotency mark.
 */
@Schema({ collection: 'unit_activity', versionKey: false })
export class UnitActivity {
  /** `<unitCode>|<YYYY-MM-DD>|p<partition>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  unitCode!: string;

  @Prop({ type: String, required: true })
  day!: string;

  @Prop({ type: Number, required: true })
  partition!: number;

  @Prop({ type: Number, required: true, default: 0 })
  reports!: number;

  @Prop({ type: Object, default: {} })
  byChannel!: Partial<Record<(typeof Channels)[number], number>>;

  /** Offset of the last report counted here: a redelivered report is one not above it. */
  @Prop({ type: Number, required: true })
  appliedOffset!: number;
}

export const UnitActivitySchema = SchemaFactory.createForClass(UnitActivity);

// Serves "activity of these units over these days" (the HQ views and silent-area detection).
UnitActivitySchema.index({ unitCode: 1, day: -1 });
