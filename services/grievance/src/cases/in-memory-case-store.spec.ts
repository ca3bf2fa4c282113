import { rationCaseAtKanke } from '../opening/fixtures/case.fixtures';
import { InMemoryCaseStore } from './in-memory-case-store';

describe(InMemoryCaseStore.name, () => {
  it('writes only over the version a change was computed from, with its events in the same write', async () => {
    const sut = new InMemoryCaseStore();
    const c = rationCaseAtKanke();
    await sut.insert(c, []);
    const next = { ...c, version: 2 };

    expect(await sut.replace(1, next, [{ eventId: 'e1' } as never])).toBe(true);
    expect(await sut.replace(1, { ...c, version: 2 }, [{ eventId: 'e2' } as never])).toBe(false);
    expect(await sut.replace(2, { ...c, version: 2 }, [])).toBe(false);
    expect((await sut.get(c.id))?.version).toBe(2);
    expect(sut.outbox(c.id)).toEqual([{ eventId: 'e1' }]);
  });

  it('keeps the first case opened under an id', async () => {
    const sut = new InMemoryCaseStore();
    const c = rationCaseAtKanke();

    expect(await sut.insert(c, [])).toBe(true);
    expect(await sut.insert({ ...c, reference: 'JH-OTHER' }, [])).toBe(false);
    expect((await sut.get(c.id))?.reference).toBe(c.reference);
  });

  it('hands out copies, as a database would', async () => {
    const sut = new InMemoryCaseStore();
    const c = rationCaseAtKanke();
    await sut.insert(c, []);

    const copy = (await sut.get(c.id))!;
    (copy as { status: string }).status = 'closed';

    expect((await sut.get(c.id))?.status).toBe('open');
    const [first] = await sut.findDue(c.dueAt!, 10);
    const [second] = await sut.findDue(c.dueAt!, 10);
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
    expect(await sut.findDue(new Date(c.dueAt!.getTime() - 1), 10)).toEqual([]);
  });
});
