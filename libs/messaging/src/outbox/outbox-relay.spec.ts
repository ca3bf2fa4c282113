import { ReportReceivedEvent, Topics } from '@cc/contracts';
import { runWithCorrelationId } from '@cc/observability';
import type { WithOutbox } from '@cc/persistence';
import { OutboxRelay, outboxEntry, withPendingOutbox } from './outbox-relay';

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

describe('OutboxRelay.publishWritten', () => {
  class Relay extends OutboxRelay<WithOutbox & { _id: string }> {
    constructor(model: unknown, publisher: unknown, writtenOnce: boolean) {
      super(model as never, publisher as never, 60_000, writtenOnce);
    }
  }
  const fakes = () => {
    const calls: Array<{ kind: string; args: unknown[] }> = [];
    const model = {
      findById: (...args: unknown[]) => calls.push({ kind: 'read', args }) && { lean: () => ({ exec: async () => null }) },
      updateOne: (...args: unknown[]) => calls.push({ kind: 'mark', args }) && { exec: async () => ({ matchedCount: 1 }) },
    };
    const publisher = { publish: async (...args: unknown[]) => calls.push({ kind: 'publish', args }) };
    return { calls, model, publisher };
  };

  it('publishes the entries it is handed, parsed once already, then marks the document by _id without reading it', async () => {
    const { calls, model, publisher } = fakes();
    const entries = [outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example, 'evt-1'), outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example, 'evt-2')];
    await new Relay(model, publisher, true).publishWritten('rpt-1', entries);

    expect(calls.map(({ kind }) => kind)).toEqual(['publish', 'publish', 'mark']);
    expect(calls[0]!.args).toEqual([ReportReceivedEvent, entries[0]!.data, expect.objectContaining({ id: 'evt-1', prevalidated: true })]);
    expect(calls[2]!.args).toEqual([{ _id: 'rpt-1' }, { $set: { outboxRelayed: 2 }, $unset: { outboxPending: '' } }]);
  });

  it('leaves the document pending when the broker does not take the events', async () => {
    const { calls, model } = fakes();
    const failing = { publish: async () => Promise.reject(new Error('broker down')) };
    await expect(new Relay(model, failing, true).publishWritten('rpt-2', [outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example)])).rejects.toThrow('broker down');
    expect(calls.filter(({ kind }) => kind === 'mark')).toEqual([]);
  });

  it('is refused for documents whose outbox grows after the write (a guarded mark is needed there)', async () => {
    const { model, publisher } = fakes();
    await expect(new Relay(model, publisher, false).publishWritten('x', [])).rejects.toThrow(/written once/);
  });
});
