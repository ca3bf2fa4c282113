import { resentAcrossCrash, smsIdentity } from './accounting';

describe('resentAcrossCrash', () => {
  const killedAt = 100_000;

  it('explains two sends around a SIGKILL of notification: the first shortly before, the second after', () => {
    expect(resentAcrossCrash([killedAt - 300, killedAt + 9_000], [killedAt])).toBe(true);
    expect(resentAcrossCrash([killedAt + 9_000, killedAt - 4_900], [50_000, killedAt])).toBe(true);
    // Written by the killed process, read by the fake (in the test's process) just after the kill.
    expect(resentAcrossCrash([killedAt + 40, killedAt + 10_000], [killedAt])).toBe(true);
  });

  it('explains nothing else', () => {
    // Both before the kill, both after it, the first long before it, no kill at all, three sends.
    expect(resentAcrossCrash([killedAt - 900, killedAt - 100], [killedAt])).toBe(false);
    expect(resentAcrossCrash([killedAt + 100, killedAt + 900], [killedAt])).toBe(false);
    expect(resentAcrossCrash([killedAt + 1_500, killedAt + 10_000], [killedAt])).toBe(false);
    expect(resentAcrossCrash([killedAt - 6_000, killedAt + 900], [killedAt])).toBe(false);
    expect(resentAcrossCrash([killedAt - 300, killedAt + 900], [])).toBe(false);
    expect(resentAcrossCrash([killedAt - 300, killedAt + 900, killedAt + 1_900], [killedAt])).toBe(false);
    expect(resentAcrossCrash([killedAt], [killedAt])).toBe(false);
  });
});

describe('smsIdentity', () => {
  it('is one acknowledgement per number and report reference, whatever the language it was rendered in', () => {
    const hindi = smsIdentity({ send_to: '919800000001', msg: 'आपकी रिपोर्ट R-0A1B2C3D4E5F मिली' });
    expect(smsIdentity({ send_to: '919800000001', msg: 'Your report R-0A1B2C3D4E5F was received' })).toBe(hindi);
    expect(smsIdentity({ send_to: '919800000002', msg: 'Your report R-0A1B2C3D4E5F was received' })).not.toBe(hindi);
    expect(smsIdentity({ send_to: '919800000001', msg: 'Your report R-0A1B2C3D4E60 was received' })).not.toBe(hindi);
  });

  it('tells other notices apart by their text', () => {
    const opened = smsIdentity({ send_to: '919800000001', msg: 'Case JH-2026-0A1B2C3D4E opened' });
    expect(smsIdentity({ send_to: '919800000001', msg: 'Case JH-2026-0A1B2C3D4E resolved' })).not.toBe(opened);
  });
});
