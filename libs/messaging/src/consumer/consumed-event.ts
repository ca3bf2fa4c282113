/** A validated event as a handler receives it: the data plus the CloudEvents attributes it came with. */
export interface ConsumedEvent<T = unknown> {
  /** `ce_id`: stable across redeliveries and republications; the key for idempotent effects. */
  readonly id: string;
  readonly type: string;
  readonly source: string | undefined;
  readonly subject: string | undefined;
  readonly time: string | undefined;
  readonly correlationId: string;
  /** W3C trace context the event was published in, when it carried one. */
  readonly traceparent: string | undefined;
  readonly data: T;
  readonly key: string | undefined;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}
