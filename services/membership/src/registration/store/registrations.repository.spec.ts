import { canonicalSenderKey } from '@cc/identity';
import { registrationIdFor } from './registrations.repository';

describe(registrationIdFor.name, () => {
  it('gives a sender one id, another sender another', () => {
    const key = canonicalSenderKey({ kind: 'phone', e164: '+919812348765' });
    expect(registrationIdFor(key)).toBe(registrationIdFor(key));
    expect(registrationIdFor(key)).toMatch(/^reg_[A-Za-z0-9_-]{22}$/);
    expect(registrationIdFor(canonicalSenderKey({ kind: 'phone', e164: '+919812348766' }))).not.toBe(registrationIdFor(key));
  });

  it('does not carry the sender key', () => {
    const key = canonicalSenderKey({ kind: 'app-user', id: 'u1' });
    expect(registrationIdFor(key)).not.toContain(key.slice(4, 12));
  });
});
