import { AICC_FEED, type CaseEvent, FEED_EVENTS, type ReportAttributed, stateFeedTopic, Topics } from '@cc/contracts';
import { UnprocessableEventError } from '@cc/messaging';
import { FeedPseudonyms, feedRecordId } from './feed-pseudonyms';
import { FeedRouter } from './feed-router';
import { caseEvent, consumed, POLICY, report } from './fixtures/feed.fixtures';

describe(FeedRouter.name, () => {
  const sut = new FeedRouter(POLICY, new FeedPseudonyms('feed-secret-for-unit-tests-0123456789'));

  it('gives a redelivered source event the same record, id and all', () => {
    const source = report();
    const first = sut.reports([consumed(source, source.reportId, Topics.ReportAttributed, 7)]);
    const again = sut.reports([consumed(source, source.reportId, Topics.ReportAttributed, 9)]);
    expect(again).toEqual(first);
    expect(first).toHaveLength(1);
    expect(first[0]!.data.recordId).toBe(feedRecordId('JH', Topics.ReportAttributed, source.reportId));
    expect(first[0]!.definition).toBe(FEED_EVENTS[stateFeedTopic('JH')].report);
    expect(first[0]!.correlationId).toBe(`corr-${source.reportId}`);
  });

  it('starts a chain of its own for a record whose reporter is withheld: the source’s correlation would lead back to the report', () => {
    const source = report({ text: 'प्रखंड अध्यक्ष ने पैसे मांगे' });
    const [record] = sut.reports([{ ...consumed(source, source.reportId), traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }]);
    expect(record!.correlationId).toBe(record!.data.recordId);
    expect(record!.traceparent).toBeUndefined();
  });

  it('gives each feed its own record id for the same source event, and each source event its own', () => {
    const critical = caseEvent('opened', { severity: 'critical' });
    const [state, aicc] = sut.caseEvents([consumed<CaseEvent>(critical, critical.eventId, Topics.CaseEvents)]);
    expect(state!.definition.topic).toBe(stateFeedTopic('JH'));
    expect(aicc!.definition.topic).toBe(Topics.AiccFeed);
    expect(aicc!.data.feed).toBe(AICC_FEED);
    expect(state!.data.recordId).not.toBe(aicc!.data.recordId);
    expect(feedRecordId('JH', Topics.CaseEvents, 'a')).not.toBe(feedRecordId('JH', Topics.CaseEvents, 'b'));
    expect(feedRecordId('JH', Topics.CaseEvents, 'a')).toMatch(/^fr_[A-Za-z0-9_-]{32}$/);
  });

  it('produces records that the feed contract accepts', () => {
    const records = [
      ...sut.reports([consumed(report(), 'r1')]),
      ...sut.caseEvents([consumed<CaseEvent>(caseEvent('escalated'), 'c1', Topics.CaseEvents)]),
    ];
    for (const record of records) expect(record.definition.schema.safeParse(record.data).success).toBe(true);
  });

  it('refuses a batch holding an event it cannot route, before anything is published, naming the event', () => {
    const lost: ReportAttributed = report({ attribution: { trust: 'unknown', unitCode: 'GJ', unitPath: ['IN', 'GJ'], unitSource: 'unassigned', posts: [] } });
    const batch = [consumed(report(), 'r1', Topics.ReportAttributed, 1), consumed(lost, 'r2', Topics.ReportAttributed, 2)];
    expect(() => sut.reports(batch)).toThrow(UnprocessableEventError);
    expect(() => sut.reports(batch)).toThrow(`${Topics.ReportAttributed}/0/2: FEED.NO_STATE_FEED state GJ has no HQ feed topic`);
  });
});
