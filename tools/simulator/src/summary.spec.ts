import { percentile, Summary } from './summary';
import type { PlannedRequest } from './traffic';

const request = (overrides: Partial<PlannedRequest>): PlannedRequest => ({
  seq: 1,
  channel: 'whatsapp',
  types: ['text'],
  method: 'POST',
  path: '/webhooks/whatsapp',
  headers: {},
  reportIds: ['wamid.A'],
  weight: 1,
  retry: false,
  ...overrides,
});

describe(Summary.name, () => {
  it('counts 2xx and 429 as expected and everything else as unexpected, with the reasons', () => {
    const sut = new Summary();
    sut.record(request({ reportIds: ['wamid.A', 'wamid.B'], types: ['text', 'image'], weight: 2 }), { status: 200, latencyMs: 10, duplicates: 0 });
    sut.record(request({ reportIds: ['wamid.A', 'wamid.B'], types: ['text', 'image'], weight: 2, retry: true }), { status: 200, latencyMs: 12, duplicates: 2 });
    sut.record(request({ channel: 'app', reportIds: ['party-app:k1'], types: ['report'] }), { status: 429, latencyMs: 3, duplicates: 0, reason: 'INTAKE.RATE_LIMITED slow down' });
    sut.record(request({ channel: 'whatsapp-status', reportIds: [], types: ['status', 'status'], weight: 2 }), { status: 200, latencyMs: 5, duplicates: 0 });
    expect(sut.unexpected()).toBe(0);
    sut.record(request({ channel: 'twilio', reportIds: ['SM1'] }), { status: 401, latencyMs: 2, duplicates: 0, reason: 'INTAKE.BAD_SIGNATURE bad' });
    sut.record(request({ channel: 'gupshup', reportIds: ['gs_1'] }), { latencyMs: 15000, duplicates: 0, reason: 'ECONNREFUSED' });

    expect(sut.totals()).toEqual({ requests: 6, messages: 9, retries: 1, ok: 3, clientErrors: 1, rateLimited: 1, serverErrors: 0, noAnswer: 1, duplicates: 2 });
    expect(sut.unexpected()).toBe(2);
    expect([...sut.accepted].sort()).toEqual(['wamid.A', 'wamid.B']);
    expect([...sut.sent].sort()).toEqual(['SM1', 'gs_1', 'party-app:k1', 'wamid.A', 'wamid.B']);
    expect(sut.statusesAccepted).toBe(2);
    const text = sut.format(1000);
    expect(text).toContain('1 × 401 twilio: INTAKE.BAD_SIGNATURE bad');
    expect(text).toContain('1 × no answer gupshup: ECONNREFUSED');
    expect(text).toContain('whatsapp image 2');
    expect(text).toMatch(/^total\s+6\s+1\s+9\s+3\s+1\s+1\s+0\s+1\s+2/m);
  });

  it('takes percentiles by rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});
