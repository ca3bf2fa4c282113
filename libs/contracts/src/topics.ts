/**
 * The one place that names Kafka topics. Names read `cc.<domain>.<entity-event>.v<major>`; a
 * breaking change to an event gets a new major version and therefore a new topic.
 */
export const Topics = {
  ReportReceived: 'cc.intake.report-received.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Dead letters of a topic: where a message goes when it can never be processed, with the reason. */
export function deadLetterTopic(topic: Topic): `${Topic}.dlq` {
  return `${topic}.dlq`;
}

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);
