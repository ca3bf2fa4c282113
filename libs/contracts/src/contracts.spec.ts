import { ReportReceivedEvent, reportReceivedSchema } from './events/report-received.event';
import { ALL_EVENTS, DEAD_LETTER_CATALOGUE, eventDefinition, TOPIC_CATALOGUE } from './catalogue';
import { CaseEventTypes } from './events/case.event';
import { FEED_EVENTS, feedCaseSchema, feedReportSchema } from './events/feed-record.event';
import { ALL_TOPICS, deadLetterTopic, FEED_STATE_CODES, isFeedState, STATE_FEED_TOPICS, stateFeedTopic, Topics } from './topics';

describe('contracts', () => {
  it.each(ALL_EVENTS.map((event) => [event.type, event] as const))('accepts the published example of %s', (_type, event) => {
    expect(event.schema.safeParse(event.example).success).toBe(true);
  });

  it('catalogues every named topic exactly once, each but the HQ feeds with a dead-letter topic', () => {
    expect(TOPIC_CATALOGUE.map((topic) => topic.name).sort()).toEqual([...ALL_TOPICS].sort());
    const feeds = [Topics.AiccFeed, ...STATE_FEED_TOPICS] as string[];
    expect(TOPIC_CATALOGUE.filter((topic) => topic.feed).map((topic) => topic.name).sort()).toEqual(feeds.sort());
    expect(DEAD_LETTER_CATALOGUE.map((topic) => topic.name).sort()).toEqual(
      ALL_TOPICS.filter((topic) => !feeds.includes(topic)).map(deadLetterTopic).sort(),
    );
  });

  it('gives every event a unique, versioned type on the topic that carries it', () => {
    const types = ALL_EVENTS.map((event) => event.type);
    expect(new Set(types).size).toBe(types.length);
    for (const event of ALL_EVENTS) {
      expect(event.type).toMatch(new RegExp(`\\.v${event.version}$`));
      expect(eventDefinition(event.topic, event.type)).toBe(event);
    }
  });

  it('finds no definition for an unknown type or topic', () => {
    expect(eventDefinition(Topics.ReportReceived, 'org.example.other.v1')).toBeUndefined();
    expect(eventDefinition('cc.unknown.topic.v1', ReportReceivedEvent.type)).toBeUndefined();
  });

  it('rejects a report without a sender key and names the field', () => {
    const { senderKey: _omitted, ...withoutSender } = ReportReceivedEvent.example;
    const result = reportReceivedSchema.safeParse(withoutSender);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('senderKey');
  });

  it('rejects unknown fields so producers cannot smuggle data past the contract', () => {
    const result = reportReceivedSchema.safeParse({ ...ReportReceivedEvent.example, phone: '+919876543210' });
    expect(result.success).toBe(false);
  });

  it('keys a report by its sender so that one sender stays in order', () => {
    expect(ReportReceivedEvent.key(ReportReceivedEvent.example)).toBe(ReportReceivedEvent.example.senderKey);
  });

  it('names topics with domain, entity-event and major version, each once; the HQ feeds by tier', () => {
    for (const topic of ALL_TOPICS) expect(topic).toMatch(/^cc\.[a-z]+\.[a-z-]+\.v\d+$|^cc\.reporting\.feed\.(aicc|state\.[a-z]{2,8})\.v\d+$/);
    expect(stateFeedTopic('JH')).toBe('cc.reporting.feed.state.jh.v1');
    expect(STATE_FEED_TOPICS).toHaveLength(FEED_STATE_CODES.length);
    expect(isFeedState('JH')).toBe(true);
    expect(isFeedState('XX')).toBe(false);
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
    expect(deadLetterTopic(Topics.ReportReceived)).toBe('cc.intake.report-received.v1.dlq');
  });

  it('publishes each feed record on the topic of its definition, the same type on every feed', () => {
    for (const [topic, definitions] of Object.entries(FEED_EVENTS)) {
      expect(definitions.report.topic).toBe(topic);
      expect(definitions.case.topic).toBe(topic);
      expect(eventDefinition(topic, definitions.report.type)).toBe(definitions.report);
    }
  });

  it('has a feed record for every case event type', () => {
    expect(feedCaseSchema.options.map((option) => option.shape.type.value).sort()).toEqual([...CaseEventTypes].sort());
  });

  it('has no field in a feed record for a sender pseudonym, a member id or whom grievance notifies', () => {
    const report = FEED_EVENTS[Topics.AiccFeed].report.example;
    expect(feedReportSchema.safeParse({ ...report, senderKey: 'snd_7a4c1e9b2d3f5a6c' }).success).toBe(false);
    expect(feedReportSchema.safeParse({ ...report, reporter: { ...report.reporter, memberRef: 'mbr_4f7d2c9a1b3e5d6f' } }).success).toBe(false);
    const record = FEED_EVENTS[Topics.AiccFeed].case.example;
    expect(feedCaseSchema.safeParse({ ...record, notify: { memberIds: [], desks: [], reporters: [], feeds: [] } }).success).toBe(false);
    expect(feedCaseSchema.safeParse({ ...record, actor: 'mbr_4f7d2c9a1b3e5d6f' }).success).toBe(false);
  });
});
