import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { DeskPreferences } from '../../guard/desks';
import type { RoutingRule } from '../routing-rule';

/** One version of the routing rules, never changed once written: the next version is a new document. */
@Schema({ collection: 'routing_rule_sets', versionKey: false })
export class RuleSetDocument {
  /** The version: unique, so two concurrent revisions cannot both become version n + 1. */
  @Prop({ type: Number, required: true })
  _id!: number;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  rules!: RoutingRule[];

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  escalation!: DeskPreferences;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: String, required: true })
  createdBy!: string;
}

export const RuleSetSchema = SchemaFactory.createForClass(RuleSetDocument);
