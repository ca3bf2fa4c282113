import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { UnitLevels } from '@cc/contracts';
import { addOutbox, type OutboxEntry } from '@cc/persistence';

/** A unit as stored, with its unit-changed event in the outbox until Kafka has it. */
@Schema({ collection: 'units', versionKey: false })
export class OrgUnitDocument {
  /** The unit code. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: UnitLevels })
  level!: (typeof UnitLevels)[number];

  @Prop({ type: String })
  parentCode?: string;

  @Prop({ type: String, required: true })
  nameEn!: string;

  @Prop({ type: String })
  nameHi?: string;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  outbox!: OutboxEntry[];
  outboxRelayed!: number;
  outboxPending?: boolean;
}

export const OrgUnitSchema = SchemaFactory.createForClass(OrgUnitDocument);
addOutbox(OrgUnitSchema);
