/**
 * The one place that names Kafka topics. Names read `cc.<domain>.<entity-event>.v<major>`; a
 * breaking change to an event gets a new major version and therefore a new topic. How each topic
 * is provisioned, and which events travel on it, is in `catalogue.ts`.
 */
export const Topics = {
  ReportReceived: 'cc.intake.report-received.v1',
  /**
   * Intake's own log of webhook messages, written before the provider is answered and read back by
   * intake's deduplicator, which turns each into one report received (docs/intake-log-first.md).
   */
  ReportAccepted: 'cc.intake.report-accepted.v1',
  DeliveryStatus: 'cc.intake.delivery-status.v1',
  OrgUnit: 'cc.membership.unit.v1',
  Member: 'cc.membership.member.v1',
  ReportAttributed: 'cc.membership.report-attributed.v1',
  /** Every change of a grievance case that someone must be told about (see events/case.event.ts). */
  CaseEvents: 'cc.grievance.case-events.v1',
  /** Written by channel integrators, not by a service: the Kafka door into intake. */
  ChannelMessageIngress: 'cc.ingress.channel-message.v1',
  /** The national headquarters' feed: what reporting's routing policy sends to AICC, redacted. */
  AiccFeed: 'cc.reporting.feed.aicc.v1',
} as const;

/**
 * The states that have an HQ feed: the `state` units of the organisation's reference data
 * (services/membership/data/org-units.csv; a test keeps the two in step). A state added later
 * needs its code here, so that its topic is provisioned, before reporting can route to it.
 */
export const FEED_STATE_CODES = ['JH', 'AS', 'BR', 'UP', 'UK', 'WB', 'LA', 'JK'] as const;
export type FeedStateCode = (typeof FEED_STATE_CODES)[number];

/** One topic per state HQ, `cc.reporting.feed.state.<state code, lower case>.v1`, so that Kafka ACLs can grant each HQ its own. */
export type StateFeedTopic = `cc.reporting.feed.state.${Lowercase<FeedStateCode>}.v1`;

/** The family's address with its parameter, as the AsyncAPI document describes it. */
export const STATE_FEED_TOPIC_TEMPLATE = 'cc.reporting.feed.state.{state}.v1';

export function stateFeedTopic(state: FeedStateCode): StateFeedTopic {
  return STATE_FEED_TOPIC_TEMPLATE.replace('{state}', state.toLowerCase()) as StateFeedTopic;
}

export function isFeedState(code: string): code is FeedStateCode {
  return (FEED_STATE_CODES as readonly string[]).includes(code);
}

export const STATE_FEED_TOPICS: readonly StateFeedTopic[] = FEED_STATE_CODES.map(stateFeedTopic);

export type Topic = (typeof Topics)[keyof typeof Topics] | StateFeedTopic;
export type DeadLetterTopic = `${Topic}.dlq`;

/** Dead letters of a topic: where a message goes when it can never be processed, with the reason. */
export function deadLetterTopic(topic: Topic): DeadLetterTopic {
  return `${topic}.dlq`;
}

export const ALL_TOPICS: readonly Topic[] = [...Object.values(Topics), ...STATE_FEED_TOPICS];
