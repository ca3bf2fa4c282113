import { ReportReceivedEvent, reportReceivedSchema } from './events/report-received.event';
import { ALL_EVENTS, DEAD_LETTER_CATALOGUE, eventDefinition, TOPIC_CATALOGUE } from './catalogue';
import { ALL_TOPICS, deadLetterTopic, Topics } from './topics';

describe('contracts', () => {
  it.each(ALL_EVENTS.map((event) => [event.type, event] as const))('accepts the published example of %s', (_type, event) => {
    expect(event.schema.safeParse(event.example).success).toBe(true);
  });

  it('catalogues every named topic exactly once, each with a dead-letter topic', () => {
    expect(TOPIC_CATALOGUE.map((topic) => topic.name).sort()).toEqual([...ALL_TOPICS].sort());
    expect(DEAD_LETTER_CATALOGUE.map((topic) => topic.name).sort()).toEqual(ALL_TOPICS.map(deadLetterTopic).sort());
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

  it('names topics with domain, entity-event and major version, each once', () => {
    for (const topic of ALL_TOPICS) expect(topic).toMatch(/^cc\.[a-z]+\.[a-z-]+\.v\d+$/);
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
    expect(deadLetterTopic(Topics.ReportReceived)).toBe('cc.intake.report-received.v1.dlq');
  });
});
