import type { StoredMember } from '../members/store/members.repository';
import { type SenderAnswer, SenderCache } from './sender-cache';

const at = new Date('2026-11-26T06:00:00Z');
const member = (id: string, status: StoredMember['member']['status'] = 'active'): StoredMember => ({
  member: { id, name: 'Sunita Devi', phones: ['+919812348765'], homeUnitCode: 'JH-RAN-KANKE', language: 'hi', status, consent: { contact: true, at }, createdAt: at, updatedAt: at },
  posts: [],
  version: 1,
});
const answers = (entries: Array<[string, SenderAnswer]>) => new Map(entries);

describe(SenderCache.name, () => {
  let clock = 0;
  const make = (options = { ttlMs: 1000, maxEntries: 10 }) => new SenderCache(options, () => clock);
  beforeEach(() => (clock = 0));

  it('answers a key it read, a member or nobody, until the answer is ttl old', () => {
    const sut = make();
    sut.remember(sut.begin(), answers([['k1', member('m1')], ['k2', undefined]]));
    clock = 999;
    const fresh = sut.lookup(['k1', 'k2', 'k3']);
    expect(fresh.found.get('k1')?.member.id).toBe('m1');
    expect(fresh.found.has('k2')).toBe(true);
    expect(fresh.found.get('k2')).toBeUndefined();
    expect(fresh.missing).toEqual(['k3']);
    clock = 1000;
    expect(sut.lookup(['k1', 'k2']).missing).toEqual(['k1', 'k2']);
  });

  it('forgets every key of a member whose record this process wrote, and keys claimed or released', () => {
    const sut = make();
    sut.remember(sut.begin(), answers([['phone-a', member('m1')], ['app-a', member('m1')], ['phone-b', member('m2')], ['stranger', undefined]]));
    sut.forget({ memberIds: ['m1'] });
    expect(sut.lookup(['phone-a', 'app-a', 'phone-b']).missing).toEqual(['phone-a', 'app-a']);
    sut.forget({ keys: ['stranger'] });
    expect(sut.lookup(['stranger', 'phone-b']).missing).toEqual(['stranger']);
  });

  it('does not keep what was read while a write landed: the read may predate it', () => {
    const sut = make();
    const since = sut.begin();
    sut.forget({ keys: ['elsewhere'] });
    sut.remember(since, answers([['k1', member('m1', 'active')]]));
    expect(sut.lookup(['k1']).missing).toEqual(['k1']);
  });

  it('keeps at most maxEntries, dropping the oldest, and nothing when turned off', () => {
    const sut = make({ ttlMs: 1000, maxEntries: 2 });
    sut.remember(sut.begin(), answers([['k1', undefined], ['k2', undefined], ['k3', member('m3')]]));
    expect(sut.size).toBe(2);
    expect(sut.lookup(['k1', 'k2', 'k3']).missing).toEqual(['k1']);
    const off = make({ ttlMs: 0, maxEntries: 10 });
    off.remember(off.begin(), answers([['k1', undefined]]));
    expect(off.lookup(['k1']).missing).toEqual(['k1']);
  });
});
