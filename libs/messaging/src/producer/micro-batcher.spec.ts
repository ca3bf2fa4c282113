import type { TopicMessages } from 'kafkajs';
import { MicroBatcher } from './micro-batcher';

describe(MicroBatcher.name, () => {
  const message = (value: string) => ({ key: 'k', value });

  function recordingSender() {
    const batches: TopicMessages[][] = [];
    const send = jest.fn(async (batch: TopicMessages[]) => {
      batches.push(batch);
      await new Promise((resolve) => setImmediate(resolve));
    });
    return { batches, send };
  }

  it('gathers sends made together into one request, grouped by topic, in order', async () => {
    const { batches, send } = recordingSender();
    const sut = new MicroBatcher(send, { lingerMs: 5, maxBatchMessages: 100, maxPendingMessages: 1000 });
    await Promise.all([sut.enqueue('a', message('1')), sut.enqueue('b', message('2')), sut.enqueue('a', message('3'))]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(batches[0]).toEqual([
      { topic: 'a', messages: [message('1'), message('3')] },
      { topic: 'b', messages: [message('2')] },
    ]);
  });

  it('sends a full batch at once and never more than the batch size per request', async () => {
    const { batches, send } = recordingSender();
    const sut = new MicroBatcher(send, { lingerMs: 60_000, maxBatchMessages: 10, maxPendingMessages: 1000 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => sut.enqueue('a', message(String(i)))).slice(0, 20));
    await sut.flush();
    expect(batches.map((batch) => batch[0]!.messages.length)).toEqual([10, 10, 5]);
    expect(batches.flatMap((batch) => batch[0]!.messages.map((m) => m.value))).toEqual(
      Array.from({ length: 25 }, (_, i) => String(i)),
    );
  });

  it('rejects every caller of a failed request with its error, and only those', async () => {
    let calls = 0;
    const sut = new MicroBatcher(
      async () => {
        calls++;
        if (calls === 1) throw new Error('broker down');
      },
      { lingerMs: 1, maxBatchMessages: 2, maxPendingMessages: 100 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((i) => sut.enqueue('a', message(String(i)))));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(new Error('broker down'));
  });

  it('makes callers wait when too much is unacknowledged (backpressure)', async () => {
    let release!: () => void;
    const sut = new MicroBatcher(() => new Promise<void>((resolve) => (release = resolve)), {
      lingerMs: 1,
      maxBatchMessages: 2,
      maxPendingMessages: 2,
    });
    const first = [sut.enqueue('a', message('1')), sut.enqueue('a', message('2'))];
    let thirdAccepted = false;
    const third = sut.enqueue('a', message('3')).then(() => (thirdAccepted = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sut.pendingMessages).toBe(2);
    expect(thirdAccepted).toBe(false);
    release();
    await Promise.all(first);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await third;
    expect(thirdAccepted).toBe(true);
  });
});
