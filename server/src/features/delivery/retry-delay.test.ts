import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './retry-delay.js';

describe('retryDelaySeconds', () => {
  it('is the Retry-After exactly when the jitter draws 0', () => {
    expect(retryDelaySeconds(1, 5000, () => 0)).toBe(5);
    expect(retryDelaySeconds(3, undefined, () => 0)).toBe(0);
  });
  it('adds up to half the e^attempts backoff as jitter, capped at attempt 10', () => {
    expect(retryDelaySeconds(1, undefined, () => 1)).toBeCloseTo(Math.E / 2, 10);
    expect(retryDelaySeconds(2, 1000, () => 0.5)).toBeCloseTo(1 + Math.exp(2) / 4, 10);
    expect(retryDelaySeconds(25, undefined, () => 1)).toBeCloseTo(Math.exp(10) / 2, 6);
  });
  it('spreads many retries of the same attempt over the window', () => {
    const delays = Array.from({ length: 200 }, () => retryDelaySeconds(2, 0));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(Math.exp(2) / 2);
    expect(new Set(delays.map((d) => d.toFixed(3))).size).toBeGreaterThan(150);
  });
  it('ignores a negative Retry-After (an HTTP date in the past)', () => {
    expect(retryDelaySeconds(1, -4000, () => 0)).toBe(0);
  });
});
