import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { addOutbox, type OutboxEntry } from '@cc/persistence';

/**
 * One case per document, its pending events beside it (the outbox), written with compare-and-set
 * on `version`. The case's own fields are written and read as they are (see MongoCaseStore); the
 * schema declares what is queried and indexed.
 */
@Schema({ collection: 'cases', versionKey: false, strict: false })
export class CaseDocument {
  /** The case id, derived from the first report's id: a redelivered report opens nothing new. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: String, required: true })
  status!: string;

  @Prop({ type: Date })
  dueAt?: Date;

  outbox!: OutboxEntry[];
  outboxRelayed!: number;
  outboxPending?: boolean;
}

export const CaseSchema = SchemaFactory.createForClass(CaseDocument);
addOutbox(CaseSchema);
// The sweeper: cases whose next deadline has come, earliest first.
CaseSchema.index({ dueAt: 1 }, { sparse: true });
// My queue: the cases at a desk, and those assigned to someone.
CaseSchema.index({ 'handler.desk.unitCode': 1, status: 1 });
CaseSchema.index({ assigneeId: 1 }, { sparse: true });
// HQ search: cases concerning a unit's subtree.
CaseSchema.index({ 'partyUnit.path': 1, openedAt: -1 });
CaseSchema.index({ reference: 1 });
