import { fullJitterDelay } from './backoff';

describe(fullJitterDelay.name, () => {
  const policy = { baseMs: 500, capMs: 10_000 };

  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [5, 8000],
    [6, 10_000],
    [30, 10_000],
  ])('the %d-th retry draws below %d ms', (retry, ceiling) => {
    expect(fullJitterDelay(retry, policy, () => 0.999_999)).toBe(ceiling - 1);
    expect(fullJitterDelay(retry, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(retry, policy, () => 0.5)).toBe(ceiling / 2);
  });

  it('spreads delays over the whole range', () => {
    const delays = Array.from({ length: 200 }, () => fullJitterDelay(3, policy));
    expect(Math.min(...delays)).toBeLessThan(500);
    expect(Math.max(...delays)).toBeGreaterThan(1500);
    expect(delays.every((delay) => delay >= 0 && delay < 2000)).toBe(true);
  });
});
