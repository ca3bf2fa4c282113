import { DlqError } from './errors';
import { ReplayLedger } from './replay-ledger';

describe(ReplayLedger.name, () => {
  it('starts at the low watermark when the group has no commit', () => {
    const sut = ReplayLedger.decode({ offset: '-1', metadata: null }, 5);
    expect(sut.has(4)).toBe(true);
    expect(sut.has(5)).toBe(false);
    expect(sut.encode()).toEqual({ offset: '5', metadata: '' });
  });

  it('records an offset replayed out of order in the metadata, the committed offset unchanged', () => {
    const sut = ReplayLedger.empty(0).with(7).with(9).with(10);
    expect(sut.encode()).toEqual({ offset: '0', metadata: '7,9-10' });
    expect([6, 7, 8, 9, 10, 11].map((offset) => sut.has(offset))).toEqual([false, true, false, true, true, false]);
    expect(sut.last).toBe(10);
  });

  it('moves the committed offset on once the gap below is filled', () => {
    const sut = ReplayLedger.empty(0).with(2).with(0).with(1);
    expect(sut.encode()).toEqual({ offset: '3', metadata: '' });
  });

  it('reads back what it wrote', () => {
    const written = ReplayLedger.empty(3).with(3).with(8).with(12).with(13).encode();
    const sut = ReplayLedger.decode(written, 0);
    expect(sut.encode()).toEqual({ offset: '4', metadata: '8,12-13' });
    expect(sut.has(12)).toBe(true);
    expect(sut.has(9)).toBe(false);
  });

  it('counts offsets below the low watermark as done, since they are gone', () => {
    const sut = ReplayLedger.decode({ offset: '2', metadata: '5,9' }, 6);
    expect(sut.encode()).toEqual({ offset: '6', metadata: '9' });
  });

  it('does not change when an offset is recorded twice', () => {
    const once = ReplayLedger.empty(0).with(4);
    expect(once.with(4)).toBe(once);
  });

  it('refuses metadata it did not write', () => {
    expect(() => ReplayLedger.decode({ offset: '0', metadata: 'hello' }, 0)).toThrow(DlqError);
    expect(() => ReplayLedger.decode({ offset: '0', metadata: '9-3' }, 0)).toThrow(/not a list of offset ranges/);
  });
});
