import { ReportReceivedEvent, reportReceivedSchema } from './events/report-received.event';
import { ALL_TOPICS, deadLetterTopic, Topics } from './topics';

describe('contracts', () => {
  it('accepts the published example of every event', () => {
    expect(reportReceivedSchema.safeParse(ReportReceivedEvent.example).success).toBe(true);
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
