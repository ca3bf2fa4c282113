import { createHash } from 'node:crypto';
import { canonicalSenderKey, useSenderKeySecret } from './sender-key';

describe('canonicalSenderKey', () => {
  afterEach(() => useSenderKeySecret(undefined));

  it('is stable for one identity and differs between identities and kinds', () => {
    const phone = canonicalSenderKey({ kind: 'phone', e164: '+919812348765' });
    expect(canonicalSenderKey({ kind: 'phone', e164: '+919812348765' })).toBe(phone);
    expect(canonicalSenderKey({ kind: 'phone', e164: '+919812348766' })).not.toBe(phone);
    expect(canonicalSenderKey({ kind: 'app-user', id: '+919812348765' })).not.toBe(phone);
    expect(phone).toMatch(/^snd_[0-9a-f]{32}$/);
  });

  it('is keyed: a plain hash of the number does not give it, and another deployment’s key differs', () => {
    const plain = `snd_${createHash('sha256').update('phone:+919812348765').digest('hex').slice(0, 32)}`;
    const ours = canonicalSenderKey({ kind: 'phone', e164: '+919812348765' });
    expect(ours).not.toBe(plain);
    useSenderKeySecret('another-deployment-secret-0123456789abc');
    expect(canonicalSenderKey({ kind: 'phone', e164: '+919812348765' })).not.toBe(ours);
  });
});
