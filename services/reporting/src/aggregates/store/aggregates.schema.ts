import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * One cell (`<kind>|<unit>|<month>`) as one partition's consumer wrote it: `_id` is the cell and
 * `|p<partition>`. A single writer per document, so `appliedOffset` is a sound redelivery mark:
 * an event at or below it has been counted here. Counter fields are nested (see
 * report-contributions.ts and case-fold.ts) and free-form.
 */
@Schema({ collection: 'rollups', versionKey: false, strict: false })
export class Rollup {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  appliedOffset!: number;

  @Prop({ type: Date, required: true })
  writtenAt!: Date;
}
export const RollupSchema = SchemaFactory.createForClass(Rollup);
// Serves the replicas' refresh: "cells written since my last look".
RollupSchema.index({ writtenAt: 1 });

/** Reporting's latest state of each case (case-fold.ts `CaseState`), by case id; versions only move forward. */
@Schema({ collection: 'case_state', versionKey: false })
export class CaseStateDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  state!: unknown;
}
export const CaseStateSchema = SchemaFactory.createForClass(CaseStateDocument);

/** The cases waiting on the organisation, and nothing else: small, read whole into memory for the open/overdue views. */
@Schema({ collection: 'open_cases', versionKey: false })
export class OpenCaseDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  state!: unknown;

  @Prop({ type: Date, required: true })
  writtenAt!: Date;
}
export const OpenCaseSchema = SchemaFactory.createForClass(OpenCaseDocument);
// Serves the replicas' refresh.
OpenCaseSchema.index({ writtenAt: 1 });

/**
 * One row per attributed report (no text, no sender): the redelivery guard of the report counters
 * (keyed by report id) and the rows of the CSV export.
 */
@Schema({ collection: 'report_index', versionKey: false })
export class ReportIndex {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  receivedAt!: Date;

  @Prop({ type: String, required: true })
  day!: string;

  @Prop({ type: String, required: true })
  channel!: string;

  @Prop({ type: String, required: true })
  kind!: string;

  @Prop({ type: String, required: true })
  language!: string;

  @Prop({ type: String, required: true })
  category!: string;

  @Prop({ type: [String], required: true })
  unitPath!: string[];

  @Prop({ type: String, required: true })
  unitSource!: string;

  @Prop({ type: String, required: true })
  trust!: string;

  /** `<topic>/<partition>/<offset>` of the record that first delivered the report. */
  @Prop({ type: String, required: true })
  sourceRecord!: string;
}
export const ReportIndexSchema = SchemaFactory.createForClass(ReportIndex);
// Serves the export: a subtree's reports over days, in order (MongoDB; FerretDB scans).
ReportIndexSchema.index({ unitPath: 1, day: 1 });

/** When a unit last had a report: the silent-unit view. `$max`, so redelivery and order do not matter. */
@Schema({ collection: 'unit_pulse', versionKey: false })
export class UnitPulse {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  lastReportAt!: Date;

  @Prop({ type: Date, required: true })
  writtenAt!: Date;
}
export const UnitPulseSchema = SchemaFactory.createForClass(UnitPulse);
// Serves the replicas' refresh.
UnitPulseSchema.index({ writtenAt: 1 });

/** A unit as the units topic last said it (latest `updatedAt` wins). */
@Schema({ collection: 'aggregate_units', versionKey: false })
export class AggregateUnit {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  unit!: unknown;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  @Prop({ type: Date, required: true })
  writtenAt!: Date;
}
export const AggregateUnitSchema = SchemaFactory.createForClass(AggregateUnit);
// Serves the replicas' refresh.
AggregateUnitSchema.index({ writtenAt: 1 });

/** A member's status and current posts (nothing else of them), latest `updatedAt` wins: committee coverage. */
@Schema({ collection: 'aggregate_post_holders', versionKey: false })
export class AggregatePostHolder {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  status!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  posts!: unknown;

  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  @Prop({ type: Date, required: true })
  writtenAt!: Date;
}
export const AggregatePostHolderSchema = SchemaFactory.createForClass(AggregatePostHolder);
// Serves the replicas' refresh.
AggregatePostHolderSchema.index({ writtenAt: 1 });
