import type { EventDefinition } from './event-definition';
import { CASE_EVENTS } from './events/case.event';
import { ChannelMessageIngressEvent } from './events/channel-message-ingress.event';
import { DeliveryStatusEvent } from './events/delivery-status.event';
import { FEED_EVENTS, FeedDigestEvent } from './events/feed-record.event';
import { MemberEvent } from './events/member.event';
import { OrgUnitEvent } from './events/org-unit.event';
import { ReportAttributedEvent } from './events/report-attributed.event';
import { ReportAcceptedEvent, ReportReceivedEvent } from './events/report-received.event';
import { deadLetterTopic, type DeadLetterTopic, FEED_STATE_CODES, stateFeedTopic, type Topic, Topics } from './topics';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How a topic is provisioned and what travels on it. Entity-state topics (the latest value per
 * key is the truth) are compacted; event streams are kept for a retention period.
 */
export interface TopicDefinition {
  readonly name: Topic;
  readonly description: string;
  /** What the record key is: it decides the partition and therefore what stays in order. */
  readonly key: string;
  readonly partitions: number;
  readonly cleanupPolicy: 'delete' | 'compact';
  /** -1: kept forever (compacted topics keep the latest record per key). */
  readonly retentionMs: number;
  readonly events: readonly EventDefinition[];
  /**
   * Set for the HQ feeds. Consumers outside the Connect Center read them and no service does, so
   * they have no dead-letter topic; the state feeds are one family (a topic per state), which the
   * AsyncAPI document describes once, as a channel with a `state` parameter.
   */
  readonly feed?: 'state' | 'aicc';
}

export interface DeadLetterTopicDefinition {
  readonly name: DeadLetterTopic;
  readonly source: Topic;
  readonly description: string;
  readonly partitions: number;
  readonly cleanupPolicy: 'delete';
  readonly retentionMs: number;
}

export const TOPIC_CATALOGUE: readonly TopicDefinition[] = [
  {
    name: Topics.ReportReceived,
    description:
      'Every worker report accepted by intake from WhatsApp, SMS, the app or the Kafka ingress, in canonical form.',
    key: 'senderKey: one sender’s reports stay in order',
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 30 * DAY_MS,
    events: [ReportReceivedEvent],
  },
  {
    name: Topics.ReportAccepted,
    description:
      'Intake’s own log: each WhatsApp and SMS message, in canonical form, as intake accepted it before answering the provider. A provider’s retry may appear more than once; intake stores each message once and publishes it once to the report-received topic. Read by intake only.',
    key: 'senderKey: one sender’s reports stay in order',
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY_MS,
    events: [ReportAcceptedEvent],
  },
  {
    name: Topics.DeliveryStatus,
    description: 'Provider callbacks about messages the Connect Center sent (WhatsApp statuses; SMS delivery reports).',
    key: 'providerMessageId: one message’s statuses stay in order',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY_MS,
    events: [DeliveryStatusEvent],
  },
  {
    name: Topics.OrgUnit,
    description: 'The organisation’s units, national to panchayat: the latest state of each, so a new consumer rebuilds the tree from the start of the topic.',
    key: 'unit code',
    partitions: 3,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    events: [OrgUnitEvent],
  },
  {
    name: Topics.Member,
    description:
      'Members with their identities, home unit and post history: the latest state of each. Personal data (contact numbers) for internal consumers only; never copied to a feed.',
    key: 'memberId',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    events: [MemberEvent],
  },
  {
    name: Topics.ReportAttributed,
    description: 'Every report, its sender resolved to a member or to nobody and placed in the organisation; no phone numbers.',
    key: 'senderKey: one sender’s reports stay in order',
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 30 * DAY_MS,
    events: [ReportAttributedEvent],
  },
  {
    name: Topics.CaseEvents,
    description:
      'What happens to each grievance case (opened, acknowledged, assigned, escalated, resolved, reopened, merged, closed), with whom to tell, already filtered by the conflict-of-interest guard. No text, names or phone numbers; reporters only by sender pseudonym.',
    key: 'caseId: one case’s events stay in order',
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 30 * DAY_MS,
    events: CASE_EVENTS,
  },
  {
    name: Topics.ChannelMessageIngress,
    description:
      'Channel integrators publish worker messages here instead of calling intake over HTTP; intake turns each into a report received, with the same validation, normalisation and deduplication.',
    key: 'integrator and sender (`<integrator>:<phone or id>`): one sender’s messages stay in order',
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY_MS,
    events: [ChannelMessageIngressEvent],
  },
  {
    name: Topics.AiccFeed,
    description:
      'The AICC feed: what reporting’s routing policy sends to the national headquarters (escalations to a state HQ or above, high and critical cases, reports placed in no state, a daily digest per state), redacted as every feed is.',
    key: 'caseId for case records (one case stays in order), the record id for reports, the state code for digests',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: 30 * DAY_MS,
    events: [FEED_EVENTS[Topics.AiccFeed].report, FEED_EVENTS[Topics.AiccFeed].case, FeedDigestEvent],
    feed: 'aicc',
  },
  ...FEED_STATE_CODES.map((state): TopicDefinition => {
    const name = stateFeedTopic(state);
    return {
      name,
      description: `The ${state} state HQ feed: every attributed report and grievance case event of the state, redacted (no phone numbers, members as feed pseudonyms, no reporter on what may be a complaint about an office-bearer).`,
      key: 'caseId for case records (one case stays in order), the record id for reports',
      partitions: 3,
      cleanupPolicy: 'delete',
      retentionMs: 30 * DAY_MS,
      events: [FEED_EVENTS[name].report, FEED_EVENTS[name].case],
      feed: 'state',
    };
  }),
];

/** Dead letters are few and read by people: one partition, kept long enough to be noticed and replayed. */
export const DEAD_LETTER_CATALOGUE: readonly DeadLetterTopicDefinition[] = TOPIC_CATALOGUE.filter((topic) => !topic.feed).map((topic) => ({
  name: deadLetterTopic(topic.name),
  source: topic.name,
  description: `Messages from ${topic.name} that could not be processed, with dlq_* headers saying why, from where and when.`,
  partitions: 1,
  cleanupPolicy: 'delete',
  retentionMs: 30 * DAY_MS,
}));

/** Every event type once (the feed records travel on every feed topic; the first topic's definition stands for them). */
export const ALL_EVENTS: readonly EventDefinition[] = TOPIC_CATALOGUE.flatMap((topic) => topic.events).filter(
  (event, index, all) => all.findIndex((other) => other.type === event.type) === index,
);

export function topicDefinition(name: string): TopicDefinition | undefined {
  return TOPIC_CATALOGUE.find((topic) => topic.name === name);
}

/** The event definition for a record on `topic` whose `ce_type` header is `type`. */
export function eventDefinition(topic: string, type: string | undefined): EventDefinition | undefined {
  return topicDefinition(topic)?.events.find((event) => event.type === type);
}

/** Broker-side topic configuration, as the admin API and Strimzi's KafkaTopic take it. */
export function topicConfig(topic: Pick<TopicDefinition, 'cleanupPolicy' | 'retentionMs'>): Record<string, string> {
  return { 'cleanup.policy': topic.cleanupPolicy, 'retention.ms': String(topic.retentionMs) };
}
