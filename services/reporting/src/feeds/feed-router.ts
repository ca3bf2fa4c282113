import {
  type CaseEvent,
  type EventDefinition,
  FEED_EVENTS,
  type FeedRecord,
  type ReportAttributed,
  Topics,
} from '@cc/contracts';
import { type ConsumedEvent, UnprocessableEventError } from '@cc/messaging';
import type { FeedPolicy } from './feed-policy';
import { type FeedPseudonyms, feedRecordId } from './feed-pseudonyms';
import { feedCase, feedReport } from './feed-records';
import { feedTopic, type FeedRouting, routeCaseEvent, routeReport } from './feed-routing';

/**
 * One record to publish: on its feed's topic, with its record id as `ce_id`, in its source's
 * correlation and trace — except a record whose reporter is withheld, which starts a chain of its
 * own (correlation id = record id, a new trace): the source's would lead back to the report.
 */
export interface OutgoingFeedRecord {
  readonly definition: EventDefinition;
  readonly data: FeedRecord;
  readonly correlationId: string;
  readonly traceparent: string | undefined;
}

/**
 * Source events in, feed records out: stateless apart from the policy and the pseudonym key, so a
 * batch needs no store. A source event that cannot be routed (its state has no feed topic) fails
 * the batch before anything is published, as unprocessable: the consumer then takes the events one
 * by one and dead-letters that one with the reason.
 */
export class FeedRouter {
  constructor(
    private readonly policy: FeedPolicy,
    private readonly pseudonyms: FeedPseudonyms,
  ) {}

  reports(events: ReadonlyArray<ConsumedEvent<ReportAttributed>>): OutgoingFeedRecord[] {
    return this.route(events, (report) => routeReport(report, this.policy), (report, feed, recordId) => {
      const data = feedReport(report, feed, recordId, this.pseudonyms);
      return { definition: FEED_EVENTS[feedTopic(feed)].report, data, detached: !data.reporter.shown };
    });
  }

  caseEvents(events: ReadonlyArray<ConsumedEvent<CaseEvent>>): OutgoingFeedRecord[] {
    return this.route(events, (event) => routeCaseEvent(event, this.policy), (event, feed, recordId) => ({
      definition: FEED_EVENTS[feedTopic(feed)].case,
      data: feedCase(event, feed, recordId, this.pseudonyms),
    }));
  }

  private route<T>(
    events: ReadonlyArray<ConsumedEvent<T>>,
    routing: (data: T) => FeedRouting,
    build: (
      data: T,
      feed: Extract<FeedRouting, { ok: true }>['feeds'][number],
      recordId: string,
    ) => { definition: EventDefinition; data: FeedRecord; detached?: boolean },
  ): OutgoingFeedRecord[] {
    const outgoing: OutgoingFeedRecord[] = [];
    const refused: string[] = [];
    for (const event of events) {
      const routed = routing(event.data);
      if (!routed.ok) {
        refused.push(`${event.topic}/${event.partition}/${event.offset}: ${routed.code} ${routed.reason}`);
        continue;
      }
      for (const feed of routed.feeds) {
        const { definition, data, detached } = build(event.data, feed, feedRecordId(feed, event.topic, event.id));
        outgoing.push(
          detached
            ? { definition, data, correlationId: data.recordId, traceparent: undefined }
            : { definition, data, correlationId: event.correlationId, traceparent: event.traceparent },
        );
      }
    }
    if (refused.length > 0) throw new UnprocessableEventError(refused.join('; '));
    return outgoing;
  }
}

export const FEED_SOURCE_TOPICS = [Topics.ReportAttributed, Topics.CaseEvents] as const;
