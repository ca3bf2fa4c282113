/**
 * The one place that names Kafka topics. Names read `cc.<domain>.<entity-event>.v<major>`; a
 * breaking change to an event gets a new major version and therefore a new topic. How each topic
 * is provisioned, and which events travel on it, is in `catalogue.ts`.
 */
export const Topics = {
  ReportReceived: 'cc.intake.report-received.v1',
  DeliveryStatus: 'cc.intake.delivery-status.v1',
  OrgUnit: 'cc.membership.unit.v1',
  Member: 'cc.membership.member.v1',
  ReportAttributed: 'cc.membership.report-attributed.v1',
  /** Every change of a grievance case that someone must be told about (see events/case.event.ts). */
  CaseEvents: 'cc.grievance.case-events.v1',
  /** Written by channel integrators, not by a service: the Kafka door into intake. */
  ChannelMessageIngress: 'cc.ingress.channel-message.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];
export type DeadLetterTopic = `${Topic}.dlq`;

/** Dead letters of a topic: where a message goes when it can never be processed, with the reason. */
export function deadLetterTopic(topic: Topic): DeadLetterTopic {
  return `${topic}.dlq`;
}

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);
