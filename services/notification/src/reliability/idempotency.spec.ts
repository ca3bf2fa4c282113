import { notificationIdOf, redeliveryDecision } from './idempotency';

describe(notificationIdOf.name, () => {
  const identity = { sourceEventId: '3f1c2a9e-8d4b-4e2a-9c1f-0a6b7d5e4c3b', recipientKey: 'mbr_4f7d2c9a1b3e5d6f', templateKey: 'report-acknowledged' };

  it('is stable for the same event, recipient and template', () => {
    const id = notificationIdOf(identity);
    expect(id).toMatch(/^ntf_[0-9a-f]{32}$/);
    expect(notificationIdOf({ ...identity })).toBe(id);
  });

  it.each([{ sourceEventId: 'other' }, { recipientKey: 'mbr_other' }, { templateKey: 'case-assigned' }])('changes with %j', (change) => {
    expect(notificationIdOf({ ...identity, ...change })).not.toBe(notificationIdOf(identity));
  });

  it('cannot be confused by values that contain a separator', () => {
    expect(notificationIdOf({ sourceEventId: 'a|b', recipientKey: 'c', templateKey: 't' })).not.toBe(
      notificationIdOf({ sourceEventId: 'a', recipientKey: 'b|c', templateKey: 't' }),
    );
  });

  it('refuses a phone number as recipient key, and empty parts', () => {
    expect(notificationIdOf({ ...identity, recipientKey: '+91 98765-43210' })).toMatchObject({ ok: false, code: 'NOTIFICATION.INVALID_IDENTITY' });
    expect(notificationIdOf({ ...identity, sourceEventId: '' })).toMatchObject({ ok: false });
  });
});

describe(redeliveryDecision.name, () => {
  const now = new Date('2026-11-26T04:00:00Z');

  it.each([
    [undefined, 'send'],
    [{ progress: 'accepted' }, 'duplicate'],
    [{ progress: 'dead-lettered' }, 'duplicate'],
    [{ progress: 'not-sent' }, 'duplicate'],
    [{ progress: 'in-flight', leaseUntil: new Date('2026-11-26T04:00:30Z') }, 'duplicate'],
    [{ progress: 'in-flight', leaseUntil: new Date('2026-11-26T03:59:00Z') }, 'resume'],
  ] as const)('%j → %s', (record, expected) => {
    expect(redeliveryDecision(record && { notificationId: 'ntf_1', ...record }, now)).toBe(expected);
  });
});
