import { Schema } from 'mongoose';

/**
 * An event waiting to be published, stored in the same document write as the state change that
 * causes it: the two can never be split by a crash, and no multi-document transaction is needed.
 */
export interface OutboxEntry {
  /** Becomes the event's `ce_id`, so a re-publication after a crash is recognisable downstream. */
  id: string;
  type: string;
  topic: string;
  data: unknown;
  correlationId?: string;
  createdAt: Date;
}

/** Fields an aggregate with an outbox carries (see {@link addOutbox}). */
export interface WithOutbox {
  outbox: OutboxEntry[];
  /** How many of `outbox`, from the start, are published. Entries are appended, never reordered. */
  outboxRelayed: number;
  /** Present and true while some entry is unpublished: what the recovery sweep looks for. */
  outboxPending?: boolean;
}

const OutboxEntrySchema = new Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    topic: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    correlationId: { type: String },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

export function addOutbox(schema: Schema): void {
  schema.add({
    outbox: { type: [OutboxEntrySchema], default: [] },
    outboxRelayed: { type: Number, default: 0 },
    outboxPending: { type: Boolean },
  });
  // Serves the relay's recovery sweep: documents whose events are not all published yet.
  schema.index({ outboxPending: 1 }, { sparse: true });
}
