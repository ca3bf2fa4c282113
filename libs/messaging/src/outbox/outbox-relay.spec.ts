import { ReportReceivedEvent, Topics } from '@cc/contracts';
import { runWithCorrelationId } from '@cc/observability';
import { outboxEntry, withPendingOutbox } from './outbox-relay';

describe(outboxEntry.name, () => {
  it('records the event type, topic, id and the correlation id of the work in progress', () => {
    const sut = runWithCorrelationId('corr-outbox-1', () => outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example, 'evt-9'));
    expect(sut).toMatchObject({
      id: 'evt-9',
      type: ReportReceivedEvent.type,
      topic: Topics.ReportReceived,
      data: ReportReceivedEvent.example,
      correlationId: 'corr-outbox-1',
    });
  });

  it('refuses an invalid event, so that the state write carrying it fails too', () => {
    expect(() => outboxEntry(ReportReceivedEvent, { ...ReportReceivedEvent.example, channel: 'fax' as never })).toThrow(/channel/);
  });

  it('marks a new aggregate as pending until its events are relayed', () => {
    const entry = outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example);
    expect(withPendingOutbox([entry])).toEqual({ outbox: [entry], outboxRelayed: 0, outboxPending: true });
  });
});
