import { GroupCommit, type Settled } from './group-commit';

/** A commit the test finishes by hand, recording what each commit received. */
function manualCommits<I>() {
  const commits: Array<{ items: readonly I[]; finish: (results: ReadonlyArray<Settled<string>>) => void; fail: (error: unknown) => void }> = [];
  const commit = (items: readonly I[]) =>
    new Promise<ReadonlyArray<Settled<string>>>((resolve, reject) => commits.push({ items, finish: resolve, fail: reject }));
  return { commits, commit };
}

const ok = (value: string): Settled<string> => ({ ok: true, value });
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(GroupCommit.name, () => {
  it('commits a lone item at once, and what arrives while it is in flight as one batch after it', async () => {
    const { commits, commit } = manualCommits<number>();
    const sut = new GroupCommit(commit, { maxBatch: 100, maxConcurrent: 1 });

    const first = sut.submit(1);
    expect(commits.map(({ items }) => items)).toEqual([[1]]);
    const later = [2, 3, 4].map((item) => sut.submit(item));
    expect(commits).toHaveLength(1);

    commits[0]!.finish([ok('one')]);
    expect(await first).toBe('one');
    await flush();
    expect(commits.map(({ items }) => items)).toEqual([[1], [2, 3, 4]]);
    commits[1]!.finish([ok('two'), ok('three'), ok('four')]);
    expect(await Promise.all(later)).toEqual(['two', 'three', 'four']);
  });

  it('caps a batch at maxBatch and the commits in flight at maxConcurrent', async () => {
    const { commits, commit } = manualCommits<number>();
    const sut = new GroupCommit(commit, { maxBatch: 2, maxConcurrent: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((item) => sut.submit(item));
    expect(commits.map(({ items }) => items)).toEqual([[1], [2]]);

    commits[0]!.finish([ok('1')]);
    await flush();
    expect(commits.map(({ items }) => items)).toEqual([[1], [2], [3, 4]]);
    commits[1]!.finish([ok('2')]);
    await flush();
    expect(commits.map(({ items }) => items)).toEqual([[1], [2], [3, 4], [5, 6]]);
    commits[2]!.finish([ok('3'), ok('4')]);
    await flush();
    commits[3]!.finish([ok('5'), ok('6')]);
    await flush();
    commits[4]!.finish([ok('7')]);
    expect(await Promise.all(all)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('fails only the item its commit failed, and every item of a commit that threw', async () => {
    const { commits, commit } = manualCommits<string>();
    const sut = new GroupCommit(commit, { maxBatch: 10, maxConcurrent: 1 });
    const blocker = sut.submit('blocker');
    const good = sut.submit('good');
    const bad = sut.submit('bad');
    commits[0]!.finish([ok('blocked')]);
    await blocker;
    await flush();
    commits[1]!.finish([ok('stored'), { ok: false, error: new Error('refused') }]);
    await expect(good).resolves.toBe('stored');
    await expect(bad).rejects.toThrow('refused');

    const a = sut.submit('a');
    const b = sut.submit('b');
    await flush();
    const outage = new Error('store down');
    commits[2]!.fail(outage);
    await expect(a).rejects.toBe(outage);
    await flush();
    commits[3]!.fail(outage);
    await expect(b).rejects.toBe(outage);
  });

  it('fails every item of a commit that answers for the wrong number of items', async () => {
    const { commits, commit } = manualCommits<number>();
    const sut = new GroupCommit(commit, { maxBatch: 10, maxConcurrent: 1 });
    const items = [sut.submit(1), sut.submit(2), sut.submit(3)];
    commits[0]!.finish([ok('x')]);
    await expect(items[0]).resolves.toBe('x');
    await flush();
    commits[1]!.finish([ok('only one')]);
    await expect(items[1]).rejects.toThrow(/2 items answered for 1/);
    await expect(items[2]).rejects.toThrow(/2 items answered for 1/);
  });

  it('reports drained only once the queue is empty and no commit is in flight', async () => {
    const { commits, commit } = manualCommits<number>();
    const sut = new GroupCommit(commit, { maxBatch: 10, maxConcurrent: 1 });
    void sut.submit(1);
    void sut.submit(2);
    let drained = false;
    const draining = sut.drained().then(() => (drained = true));
    commits[0]!.finish([ok('1')]);
    await flush();
    expect(drained).toBe(false);
    commits[1]!.finish([ok('2')]);
    await draining;
    expect(drained).toBe(true);
  });

  it('refuses a batch size or concurrency below one', () => {
    expect(() => new GroupCommit(async () => [], { maxBatch: 0, maxConcurrent: 1 })).toThrow(/maxBatch/);
    expect(() => new GroupCommit(async () => [], { maxBatch: 1, maxConcurrent: 0 })).toThrow(/maxConcurrent/);
  });
});
