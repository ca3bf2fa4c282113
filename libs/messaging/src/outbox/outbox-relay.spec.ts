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

describe('OutboxRelay sweep', () => {
  class Relay extends OutboxRelay<WithOutbox & { _id: string }> {
    constructor(model: unknown) {
      super(model as never, { publish: async () => undefined } as never, 1000, true);
    }
  }

  it('does not start a sweep while the previous one is still running', async () => {
    jest.useFakeTimers();
    try {
      const finds: Array<() => void> = [];
      const model = {
        find: () => ({ limit: () => ({ lean: () => ({ exec: () => new Promise<unknown[]>((resolve) => finds.push(() => resolve([]))) }) }) }),
      };
      const sut = new Relay(model);
      sut.onApplicationBootstrap();
      jest.advanceTimersByTime(3500);
      expect(finds).toHaveLength(1);
      finds[0]!();
      await jest.advanceTimersByTimeAsync(1000);
      expect(finds).toHaveLength(2);
      finds[1]!();
      await sut.beforeApplicationShutdown();
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves events younger than the interval to their writer, and relays older ones', async () => {
    jest.useFakeTimers();
    try {
      const published: string[] = [];
      const marked: string[] = [];
      // Built when read, so that their ages are those at the sweep: 100 ms and 5 s.
      const documents: Record<string, () => unknown> = {
        young: () => ({ _id: 'young', outboxRelayed: 0, outbox: [{ ...outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example, 'evt-young'), createdAt: new Date(Date.now() - 100) }] }),
        old: () => ({ _id: 'old', outboxRelayed: 0, outbox: [{ ...outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example, 'evt-old'), createdAt: new Date(Date.now() - 5000) }] }),
      };
      let sweeps = 0;
      const model = {
        // The start-up sweep finds nothing; the first periodic one finds both.
        find: () => ({ limit: () => ({ lean: () => ({ exec: async () => (sweeps++ === 0 ? [] : [{ _id: 'young' }, { _id: 'old' }]) }) }) }),
        findById: (id: string) => ({ lean: () => ({ exec: async () => documents[id]!() }) }),
        updateOne: (filter: { _id: string }) => marked.push(filter._id) && { exec: async () => ({ matchedCount: 1 }) },
      };
      const publisher = { publish: async (_definition: unknown, _data: unknown, options: { id: string }) => published.push(options.id) };
      const sut = new (class extends OutboxRelay<WithOutbox & { _id: string }> {
        constructor() {
          super(model as never, publisher as never, 1000, true);
        }
      })();
      sut.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(1000);
      await sut.beforeApplicationShutdown();

      expect(published).toEqual(['evt-old']);
      expect(marked).toEqual(['old']);
      await sut.publishNow('young');
      expect(published).toEqual(['evt-old', 'evt-young']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('relays everything pending at start-up, however young: no writer of this process is publishing yet', async () => {
    const published: string[] = [];
    const model = {
      find: () => ({ limit: () => ({ lean: () => ({ exec: async () => [{ _id: 'young' }] }) }) }),
      findById: () => ({ lean: () => ({ exec: async () => ({ _id: 'young', outboxRelayed: 0, outbox: [{ ...outboxEntry(ReportReceivedEvent, ReportReceivedEvent.example, 'evt-young'), createdAt: new Date() }] }) }) }),
      updateOne: () => ({ exec: async () => ({ matchedCount: 1 }) }),
    };
    const sut = new (class extends OutboxRelay<WithOutbox & { _id: string }> {
      constructor() {
        super(model as never, { publish: async (_definition: unknown, _data: unknown, options: { id: string }) => published.push(options.id) } as never, 60_000, true);
      }
    })();
    sut.onApplicationBootstrap();
    for (let waited = 0; published.length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await sut.beforeApplicationShutdown();
    expect(published).toEqual(['evt-young']);
  });
});
