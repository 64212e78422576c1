import { describe, expect, it } from 'vitest';
import { parseRetryAfter, ReportcastError } from './errors.js';
import { DEFAULT_RETRY, isTransient, retryDelayMs } from './retry.js';

describe('retry policy', () => {
  it('treats rate limits, dropped connections and 502/503/504 as transient, nothing else', () => {
    expect(isTransient(new ReportcastError('RATE_LIMITED', 'x'))).toBe(true);
    expect(isTransient(new ReportcastError('SERVICE_UNAVAILABLE', 'x', { status: 503 }))).toBe(true);
    expect(isTransient(new ReportcastError('NETWORK_ERROR', 'ECONNRESET'))).toBe(true);
    for (const status of [502, 503, 504]) expect(isTransient(new ReportcastError('NETWORK_ERROR', 'x', { status }))).toBe(true);
    for (const status of [400, 404, 500]) expect(isTransient(new ReportcastError('NETWORK_ERROR', 'x', { status }))).toBe(false);
    for (const code of ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'INTERNAL_SERVER_ERROR'] as const) {
      expect(isTransient(new ReportcastError(code, 'x'))).toBe(false);
    }
    expect(isTransient(new Error('plain'))).toBe(false);
  });

  it('waits Retry-After when given, else doubles a jittered delay up to the ceiling', () => {
    expect(retryDelayMs(0, new ReportcastError('RATE_LIMITED', 'x', { retryAfterSeconds: 7 }), DEFAULT_RETRY)).toBe(7000);
    const error = new ReportcastError('NETWORK_ERROR', 'x');
    expect(retryDelayMs(0, error, DEFAULT_RETRY, () => 0)).toBe(150);
    expect(retryDelayMs(0, error, DEFAULT_RETRY, () => 1)).toBe(300);
    expect(retryDelayMs(2, error, DEFAULT_RETRY, () => 1)).toBe(1200);
    expect(retryDelayMs(20, error, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(new Date(10_000 + 5_000).toUTCString(), 10_000)).toBe(5);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
