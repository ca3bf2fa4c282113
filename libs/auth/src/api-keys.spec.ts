import { integratorForKey, parseApiKeys } from './api-keys';

const appKey = 'k'.repeat(40);
const partnerKey = 'p'.repeat(32);

describe('API keys', () => {
  it('finds the integrator a presented key belongs to', () => {
    const parsed = parseApiKeys(` party-app:${appKey} , sms-partner:${partnerKey}`);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(integratorForKey(parsed.keys, appKey)).toBe('party-app');
    expect(integratorForKey(parsed.keys, partnerKey)).toBe('sms-partner');
    expect(integratorForKey(parsed.keys, `${appKey}x`)).toBeUndefined();
    expect(integratorForKey(parsed.keys, '')).toBeUndefined();
  });

  it('accepts two keys for one integrator while a key is rotated', () => {
    const parsed = parseApiKeys(`party-app:${appKey},party-app:${partnerKey}`);
    expect(parsed.ok && [integratorForKey(parsed.keys, appKey), integratorForKey(parsed.keys, partnerKey)]).toEqual(['party-app', 'party-app']);
  });

  it('refuses short keys and malformed entries without echoing the key', () => {
    const short = parseApiKeys('party-app:tooshort123');
    expect(short).toEqual({ ok: false, reason: 'the key of "party-app" is shorter than 32 characters' });
    const malformed = parseApiKeys(`Party App ${appKey}`);
    expect(malformed.ok).toBe(false);
    expect(JSON.stringify(malformed)).not.toContain(appKey);
  });

  it('reads an empty list as no keys', () => {
    expect(parseApiKeys('')).toEqual({ ok: true, keys: [] });
  });
});
